using System.Text.Json;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Tests.Export;

public sealed class BertReferenceTests : IDisposable
{
    private const float Tolerance = 1e-5f;

    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-bert-layouts").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly JsonElement Reference =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(BertFixture.Directory, "reference.json"))).RootElement;

    private static Tensor Matrix(string name)
    {
        var rows = Reference.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        return torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
    }

    private static (long[] Shape, float[] Data) Expected(string name)
    {
        var element = Reference.GetProperty(name);
        return (element.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
            element.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray());
    }

    private static void ShouldGiveTheReference(BertCheckpoint checkpoint)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        checkpoint.Encoder.training.Should().BeFalse("a loaded encoder is in eval mode, as from_pretrained returns it");

        var hidden = checkpoint.Encoder.forward(Matrix("input_ids"), Matrix("attention_mask"));
        var (hiddenShape, hiddenData) = Expected("last_hidden_state");
        hidden.shape.Should().Equal(hiddenShape);
        hidden.ToArray<float>().Should().Equal(hiddenData, (actual, expected) => Math.Abs(actual - expected) <= Tolerance);

        checkpoint.Pooler.Should().NotBeNull();
        var pooled = checkpoint.Pooler!.forward(hidden.select(1, 0)).tanh();
        var (pooledShape, pooledData) = Expected("pooler_output");
        pooled.shape.Should().Equal(pooledShape);
        pooled.ToArray<float>().Should().Equal(pooledData, (actual, expected) => Math.Abs(actual - expected) <= Tolerance);
    }

    [Fact]
    public void A_checkpoint_written_by_pytorch_gives_its_hidden_states_and_pooler_output()
    {
        using var checkpoint = BertCheckpoint.Load(BertFixture.Directory);
        ShouldGiveTheReference(checkpoint);
    }

    [Fact]
    public void The_layout_of_bert_base_uncased_s_own_files_gives_the_same_outputs()
    {
        // bert-base-uncased's model.safetensors is BertForPreTraining's: names under "bert.", layer norms as
        // gamma and beta, and the pre-training heads beside the encoder.
        var copy = BertFixture.CopyTo(directory);
        var path = Path.Combine(copy, "model.safetensors");
        using (var scope = torch.NewDisposeScope())
        using (var file = SafeTensors.Load(path))
        {
            var renamed = file.Tensors.ToDictionary(
                t => "bert." + t.Key.Replace("LayerNorm.weight", "LayerNorm.gamma").Replace("LayerNorm.bias", "LayerNorm.beta"), t => t.Value);
            renamed["cls.predictions.bias"] = torch.randn([30]);
            renamed["cls.seq_relationship.weight"] = torch.randn([2, 16]);
            SafeTensors.Save(path, renamed);
        }
        using var checkpoint = BertCheckpoint.Load(copy);
        ShouldGiveTheReference(checkpoint);
    }

    [Fact]
    public void The_vocabulary_and_sizes_come_from_the_directory()
    {
        using var checkpoint = BertCheckpoint.Load(BertFixture.Directory);
        var config = checkpoint.Encoder.Config;
        (config.VocabularySize, config.MaxPositions, config.Hidden, config.Layers.Count).Should().Be((30, 8, 16, 2));
        config.Layers.Should().AllSatisfy(layer => (layer.Heads, layer.HeadSize, layer.FfnSize, layer.EffectiveValueSize).Should().Be((2, 8, 32, 8)));
        config.LayerNormEps.Should().Be(1e-12);
        config.Dropout.Should().Be(0.1);
        checkpoint.Vocabulary.Count.Should().Be(30);
        checkpoint.Vocabulary.Token(5).Should().Be("the");
    }
}
