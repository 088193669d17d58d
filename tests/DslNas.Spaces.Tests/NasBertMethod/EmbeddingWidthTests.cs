using DslNas.Data.Text;
using DslNas.Engine;
using DslNas.Export.Onnx;
using DslNas.Methods.NasBert;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;

namespace DslNas.Spaces.Tests.NasBertMethod;

/// <summary>NAS-BERT's embedding width E: embeddings narrower than the first layer, mapped up to it, and the width each budget's two final models share.</summary>
[Collection(nameof(ProcessGlobalCollection))]
public sealed class EmbeddingWidthTests
{
    private const int Vocabulary = 40;
    private const int Positions = 16;

    private static readonly TinyBlocks Architecture = new() { Layers = 4, Heads = 2, Hidden = [32, 32, 16, 16], Ops = [Op.SepConv3, Op.Attention, Op.Ffn, Op.Attention] };

    private static ExtractedSubnet Model(long? width, TinyBlocks? architecture = null)
    {
        torch.manual_seed(4);
        return ExtractedSubnet.Create(TinyBlocks.Supernet.Plan(architecture ?? Architecture), new SupernetOptions(Vocabulary, Positions, Dropout: 0), width);
    }

    [Fact]
    public void Narrow_embeddings_are_mapped_up_to_the_first_layer_and_save_their_parameters()
    {
        using var wide = Model(null);
        using var narrow = Model(8);

        narrow.EmbeddingWidth.Should().Be(8);
        wide.EmbeddingWidth.Should().Be(32);
        var parameters = narrow.encoder.named_parameters().ToDictionary(p => p.Key, p => p.Value.shape);
        parameters["token_embedding.weight"].Should().Equal(Vocabulary, 8);
        parameters["position_embedding.weight"].Should().Equal(Positions, 8);
        parameters["embedding_norm.weight"].Should().Equal(8);
        parameters["embedding_projection.weight"].Should().Equal(32, 8);
        wide.encoder.named_parameters().Select(p => p.Key).Should().NotContain(k => k.StartsWith("embedding_projection"));
        // (V + P) · (32 − 8) + 2 · (32 − 8) fewer in the embeddings and their norm, 8 · 32 + 32 more in the map.
        (wide.parameter_count() - narrow.parameter_count()).Should().Be((Vocabulary + Positions) * 24 + 2 * 24 - (8 * 32 + 32));

        using var scope = torch.NewDisposeScope();
        narrow.eval();
        var ids = torch.randint(5, Vocabulary, [3, 12]);
        narrow.forward(ids).shape.Should().Equal(3, 12, 16);
        narrow.Classify(ids, null).shape.Should().Equal(3, 2);
    }

    [Fact]
    public void The_first_hidden_size_as_width_builds_the_ordinary_model()
    {
        using var plain = Model(null, Architecture with { Hidden = [32, 32, 32, 32], Ops = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn] });
        using var same = Model(32, Architecture with { Hidden = [32, 32, 32, 32], Ops = [Op.Attention, Op.Ffn, Op.Attention, Op.Ffn] });

        same.encoder.GetType().Should().Be(plain.encoder.GetType());
        same.parameter_count().Should().Be(plain.parameter_count());
    }

    [Fact]
    public void A_width_beyond_the_first_hidden_size_is_refused()
    {
        var create = () => Model(48);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[1, 32], the first hidden size*");
    }

    [Fact]
    public void A_narrow_model_learns_masked_tokens_through_a_head_of_its_own()
    {
        var vocabulary = new Data.Text.Vocabulary(Data.Text.Vocabulary.SpecialTokens.Concat(Enumerable.Range(0, 15).Select(i => $"w{i}")));
        var sequences = Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 12).Select(j => Data.Text.Vocabulary.SpecialTokens.Count + (i + j) % 15).ToArray()).ToList();
        torch.manual_seed(3);
        using var teacher = new MlmModel(TransformerEncoderConfig.Uniform(vocabulary.Count, Positions, 32, 2, 2, 64, dropout: 0));
        using var student = ExtractedSubnet.Create(TinyBlocks.Supernet.Plan(Architecture with { Hidden = [32, 32, 32, 32] }),
            new SupernetOptions(vocabulary.Count, Positions, Dropout: 0), embeddingWidth: 8);

        var losses = PredictionDistillation.Train(student, MlmTeacher.Of(teacher), vocabulary, sequences,
            new MlmPretrainingOptions(Steps: 60, LearningRate: 3e-3, BatchSize: 16, MaskProbability: 0.3, Seed: 5), lambda: 0);

        losses.TakeLast(10).Average().Should().BeLessThan(losses.Take(10).Average() * 0.95);
    }

    [Fact]
    public void A_narrow_model_is_neither_saved_nor_exported_to_onnx_but_refused_by_name()
    {
        using var narrow = Model(8);
        var directory = Directory.CreateTempSubdirectory("dslnas-narrow").FullName;
        try
        {
            var save = () => SavedModel.Save(directory, narrow, new ModelConfig("tiny-blocks", "{}", Vocabulary, Positions, ["a", "b"], new DataOptions(), 1), "vocab.txt");
            save.Should().Throw<ArgumentException>().WithMessage("*embeddings (8 wide) are narrower than its first layer (32)*");
            var export = () => OnnxSubnet.Build(narrow);
            export.Should().Throw<InvalidOperationException>().WithMessage("*narrower than its first layer*ONNX*");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_budgets_two_models_share_the_smaller_first_hidden_size_or_the_width_asked_for()
    {
        var engine = TinyBlocks.Space.Engine;
        (string, Genes)[] pair =
        [
            ("searched", TinyBlocks.Space.ToGenes(Architecture)),
            ("uniform", TinyBlocks.Space.ToGenes(Architecture with { Hidden = [16, 16, 16, 16] })),
        ];

        FinalModels.EmbeddingWidth(engine, "50%", pair, asked: 0).Should().Be(16);
        FinalModels.EmbeddingWidth(engine, "50%", pair, asked: 8).Should().Be(8);
        var tooWide = () => FinalModels.EmbeddingWidth(engine, "50%", pair, asked: 24);
        tooWide.Should().Throw<RunInputException>().WithMessage("--embedding-width 24 is wider than the first hidden size 16 of the uniform model of budget 50%*use at most 16*");
    }
}
