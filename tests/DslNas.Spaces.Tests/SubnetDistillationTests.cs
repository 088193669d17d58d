using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests;

/// <summary>Knowledge distillation into supernet subnets: per-layer widths, operations without attention, length reduction.</summary>
public sealed class SubnetDistillationTests
{
    private static MlmModel Teacher()
    {
        torch.manual_seed(1);
        var teacher = new MlmModel(TransformerEncoderConfig.Uniform(20, 16, 32, 4, 2, 64, dropout: 0));
        teacher.eval();
        return teacher;
    }

    private static ModelOutputs TeacherOutputs(MlmModel teacher, Tensor ids)
    {
        using var noGrad = torch.no_grad();
        var trace = teacher.Trace(ids);
        return new ModelOutputs(teacher.Decode(trace.Output), trace);
    }

    [Fact]
    public void A_subnet_of_narrow_blocks_learns_through_the_map_and_its_layers_without_attention_are_named()
    {
        using var teacher = Teacher();
        using var net = new TinyBlocks.Supernet(new SupernetOptions(20, 16, Dropout: 0));
        using var distillation = new KnowledgeDistillation(new DistillationOptions(), teacher.Config.Hidden, net.MaxHidden);
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 20, [2, 9]);
        var plan = TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [16, 16, 16, 16], Ops = [Op.Attention, Op.Ffn, Op.SepConv3, Op.Attention] });
        var trace = net.Trace(ids, null, plan);
        var losses = distillation.Loss(TeacherOutputs(teacher, ids), new ModelOutputs(net.MlmLogits(trace.Output, plan), trace));
        losses.Logits!.item<double>().Should().BeGreaterThan(0);
        losses.SkippedAttention.Should().Equal(
            new SkippedLayer(1, 1, "the student layer has no attention"),
            new SkippedLayer(2, 2, "the student layer has no attention"));
        losses.Total.backward();
        net.Slots[0].attention!.query.weight.grad!.abs().sum().item<double>().Should().BeGreaterThan(0);
        distillation.hidden_map.weight.grad!.narrow(1, 0, 16).abs().sum().item<double>().Should().BeGreaterThan(0, "16-wide layers go through the map");
    }

    [Fact]
    public void Layers_attending_over_fewer_tokens_than_the_teacher_are_skipped_but_their_states_are_distilled()
    {
        using var teacher = Teacher();
        using var net = new TinyLengths.Supernet(new SupernetOptions(20, 16, Dropout: 0));
        using var distillation = new KnowledgeDistillation(new DistillationOptions(), teacher.Config.Hidden, net.MaxHidden);
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(5, 20, [2, 12]);
        var plan = TinyLengths.Supernet.Plan(new TinyLengths { Layers = 2, Hidden = 32, Heads = [2, 2], FfnSize = [64, 64], SeqLength = [8, 4] });
        var trace = net.Trace(ids, null, plan);
        var losses = distillation.Loss(TeacherOutputs(teacher, ids), new ModelOutputs(net.MlmLogits(trace.Output, plan), trace));
        losses.SkippedAttention.Should().Equal(new SkippedLayer(1, 3, "the student attends over 8 tokens (length reduction), the teacher over 12"));
        losses.Attention!.item<double>().Should().BeGreaterThan(0, "the first layer attends before it drops tokens");
        losses.Hidden!.backward();
        net.Slots[1].ffn!.output.weight.grad!.abs().sum().item<double>().Should().BeGreaterThan(0, "the kept tokens' states reach the second layer");
    }
}
