using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests;

/// <summary>A supernet started from a dense teacher: the subnet of the teacher's shape computes what the teacher computes.</summary>
public sealed class TeacherInitializationTests
{
    private const int Vocabulary = 20;

    private static MlmModel Teacher(int hidden, int layers, int heads, int ffn, int vocabulary = Vocabulary, int positions = 16)
    {
        torch.manual_seed(hidden * 100 + layers);
        using var scope = torch.NewDisposeScope();
        var teacher = new MlmModel(TransformerEncoderConfig.Uniform(vocabulary, positions, hidden, layers, heads, ffn, dropout: 0.1));
        using (torch.no_grad()) teacher.mlm_bias.normal_(0, 1);
        return teacher;
    }

    private static (Tensor Ids, Tensor Mask) Batch(int length)
    {
        var ids = torch.randint(5, Vocabulary, [2, length]);
        var keep = Enumerable.Range(0, 2 * length).Select(i => i >= length && i % length >= length - 2 ? 0L : 1L).ToArray();
        return (ids, torch.tensor(keep, [2, length]));
    }

    private static float MaxDifference(Tensor a, Tensor b) => a.sub(b).abs().max().item<float>();

    [Fact]
    public void The_largest_subnet_of_a_supernet_shaped_as_the_teacher_equals_the_teacher()
    {
        using var teacher = Teacher(hidden: 32, layers: 2, heads: 1, ffn: 128);
        using var net = new TinyChoices.Supernet(new SupernetOptions(Vocabulary, 16));
        TeacherInitialization.Apply(net, teacher);
        teacher.eval();
        net.eval();
        using var scope = torch.NewDisposeScope();
        var (ids, mask) = Batch(10);
        var plan = TinyChoices.Supernet.Plan(TinyChoices.Space.Largest);
        plan.ToString().Should().Be("layer h=32 a=1 d=32 f=128 | layer h=32 a=1 d=32 f=128", "the teacher has this shape");
        using var extracted = net.Extract(plan);
        extracted.eval();

        MaxDifference(extracted.forward(ids, mask), teacher.encoder.forward(ids, mask)).Should().BeLessThan(1e-5f);
        MaxDifference(net.MaskedLanguageModel(ids, mask, plan), teacher.forward(ids, mask)).Should().BeLessThan(1e-4f, "the MLM bias is copied too");
    }

    [Fact]
    public void A_smaller_teacher_fills_the_leading_blocks_and_the_subnet_of_its_shape_equals_it()
    {
        using var teacher = Teacher(hidden: 16, layers: 1, heads: 2, ffn: 64, positions: 12);
        using var net = new TinyChoices.Supernet(new SupernetOptions(Vocabulary, 16));
        var untouched = net.Slots[1].attention!.query.weight.ToArray<float>();
        var query = net.Slots[0].attention!.query.weight.narrow(0, 16, 16).contiguous().ToArray<float>();
        var positions = net.embedding.position.narrow(0, 12, 4).contiguous().ToArray<float>();
        TeacherInitialization.Apply(net, teacher);
        teacher.eval();
        net.eval();
        using var scope = torch.NewDisposeScope();
        var (ids, mask) = Batch(12);
        var plan = TinyChoices.Supernet.Plan(new TinyChoices { Layers = 1, Hidden = 16, Heads = 2 });

        MaxDifference(net.Forward(ids, mask, plan), teacher.encoder.forward(ids, mask)).Should().BeLessThan(1e-5f);
        MaxDifference(net.MaskedLanguageModel(ids, mask, plan), teacher.forward(ids, mask)).Should().BeLessThan(1e-4f);
        net.Slots[1].attention!.query.weight.ToArray<float>().Should().Equal(untouched, "a slot beyond the teacher's layers keeps its initialization");
        net.Slots[0].attention!.query.weight.narrow(0, 16, 16).contiguous().ToArray<float>().Should().Equal(query, "rows beyond the teacher's keep theirs");
        net.embedding.position.narrow(0, 12, 4).contiguous().ToArray<float>().Should().Equal(positions, "so do positions beyond the teacher's");
    }

    [Fact]
    public void A_larger_teacher_is_cut_to_the_supernets_sizes_and_its_extra_layers_are_dropped()
    {
        using var teacher = Teacher(hidden: 48, layers: 3, heads: 3, ffn: 160, vocabulary: 30, positions: 20);
        using var net = new TinyChoices.Supernet(new SupernetOptions(Vocabulary, 16));
        TeacherInitialization.Apply(net, teacher);
        using var scope = torch.NewDisposeScope();
        float[] Block(Tensor tensor, long rows, long columns) => tensor.narrow(0, 0, rows).narrow(1, 0, columns).contiguous().ToArray<float>();

        net.embedding.token.ToArray<float>().Should().Equal(Block(teacher.encoder.token_embedding.weight, 20, 32));
        net.embedding.position.ToArray<float>().Should().Equal(Block(teacher.encoder.position_embedding.weight, 16, 32));
        net.mlm_bias.ToArray<float>().Should().Equal(teacher.mlm_bias.narrow(0, 0, 20).contiguous().ToArray<float>());
        for (var i = 0; i < 2; i++)
        {
            var slot = net.Slots[i];
            var layer = teacher.encoder.Layers[i];
            slot.attention!.value.weight.ToArray<float>().Should().Equal(Block(layer.attention.value.weight, 32, 32));
            slot.attention.output.bias!.ToArray<float>().Should().Equal(layer.attention.output.bias!.narrow(0, 0, 32).contiguous().ToArray<float>());
            slot.ffn!.intermediate.weight.ToArray<float>().Should().Equal(Block(layer.intermediate.weight, 128, 32));
            slot.ffn.output.weight.ToArray<float>().Should().Equal(Block(layer.output.weight, 32, 128));
            slot.ffn_norm!.weight.ToArray<float>().Should().Equal(layer.output_norm.weight.narrow(0, 0, 32).contiguous().ToArray<float>());
        }
    }
}
