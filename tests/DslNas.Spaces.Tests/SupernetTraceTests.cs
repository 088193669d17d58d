using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Spaces.Tests;

/// <summary>A subnet's trace (hidden states and attention per layer) against its forward pass.</summary>
public sealed class SupernetTraceTests
{
    [Fact]
    public void A_subnets_trace_ends_in_its_forward_output_with_attention_only_where_a_layer_attends()
    {
        torch.manual_seed(1);
        using var net = new TinyBlocks.Supernet(new SupernetOptions(20, 16, Dropout: 0.1));
        net.eval();
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 20, [2, 9]);
        var architecture = new TinyBlocks { Layers = 4, Heads = 2, Hidden = [16, 16, 32, 32], Ops = [Op.SepConv3, Op.Attention, Op.Attention, Op.Identity] };
        var plan = TinyBlocks.Supernet.Plan(architecture);
        var trace = net.Trace(ids, null, plan);

        trace.HiddenStates.Select(s => s.size(-1)).Should().Equal(16, 16, 16, 32, 32);
        trace.Output.ToArray<float>().Should().Equal(net.Forward(ids, null, plan).ToArray<float>());
        trace.Attention.Select(a => a is not null).Should().Equal(false, true, true, false);
        trace.Attention[1]!.shape.Should().Equal(2, 2, 9, 9);
        trace.HiddenStates[4].ToArray<float>().Should().Equal(trace.HiddenStates[3].ToArray<float>(), "an identity slot passes its input on");
    }

    [Fact]
    public void With_length_reduction_states_keep_every_position_and_attention_covers_the_kept_tokens()
    {
        torch.manual_seed(2);
        using var net = new TinyLengths.Supernet(new SupernetOptions(20, 16));
        net.eval();
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 20, [2, 12]);
        var plan = TinyLengths.Supernet.Plan(new TinyLengths { Layers = 3, Hidden = 32, Heads = [2, 1, 2], FfnSize = [64, 32, 64], SeqLength = [8, 4, 4] });
        var trace = net.Trace(ids, null, plan);

        trace.HiddenStates.Should().OnlyContain(s => s.size(1) == 12, "Drop-and-Restore gives every position");
        trace.Attention.Select(a => a!.size(2)).Should().Equal(12, 8, 4);
        trace.Attention.Select(a => a!.size(1)).Should().Equal(2, 1, 2);
        trace.Output.ToArray<float>().Should().Equal(net.Forward(ids, null, plan).ToArray<float>());
    }
}
