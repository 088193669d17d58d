using System.Text.Json;
using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Serialization;

namespace DslNas.Tests.Export;

public sealed class BertRoundTripTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-bert").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(directory, name)).FullName;

    private static Vocabulary FixtureVocabulary() => Vocabulary.Load(Path.Combine(BertFixture.Directory, "vocab.txt"));

    /// <summary>An encoder whose every weight is random (layer norms too), with one -0 to catch arithmetic on the way.</summary>
    private static TransformerEncoder RandomEncoder()
    {
        var config = TransformerEncoderConfig.Uniform(30, 8, 16, layers: 2, heads: 4, ffnSize: 24, dropout: 0.05) with { LayerNormEps = 1e-6 };
        var encoder = new TransformerEncoder(config);
        using (torch.no_grad())
        {
            foreach (var parameter in encoder.parameters()) parameter.normal_(0, 0.5);
            var positions = encoder.position_embedding.weight.ToArray<float>();
            positions[3] = -0f;
            encoder.position_embedding.weight.CopyFrom<float>(positions);
        }
        return encoder;
    }

    private static Tensor Outputs(TransformerEncoder encoder)
    {
        encoder.eval();
        using var noGrad = torch.no_grad();
        var ids = torch.tensor(new long[] { 2, 8, 17, 29, 3, 2, 11, 3, 0, 0 }, [2, 5]);
        var keep = torch.tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        return encoder.forward(ids, keep);
    }

    [Fact]
    public void An_encoder_saved_and_loaded_has_the_same_weights_config_and_outputs()
    {
        using var scope = torch.NewDisposeScope();
        using var encoder = RandomEncoder();
        using var pooler = new Linear(16, 16);
        var vocabulary = FixtureVocabulary();
        var saved = Subdirectory("saved");

        BertCheckpoint.Save(saved, encoder, vocabulary, pooler);
        using var loaded = BertCheckpoint.Load(saved);

        BertFixture.Bits(loaded.Encoder).Should().BeEquivalentTo(BertFixture.Bits(encoder), options => options.WithStrictOrdering());
        BertFixture.Bits(loaded.Pooler!).Should().BeEquivalentTo(BertFixture.Bits(pooler), options => options.WithStrictOrdering());
        loaded.Encoder.Config.Should().BeEquivalentTo(encoder.Config);
        loaded.Vocabulary.Tokens.Should().Equal(vocabulary.Tokens);
        BertFixture.Bits(Outputs(loaded.Encoder)).Should().Equal(BertFixture.Bits(Outputs(encoder)));
    }

    [Fact]
    public void A_checkpoint_written_by_pytorch_loaded_saved_and_loaded_again_is_unchanged()
    {
        var saved = Subdirectory("saved");
        using var first = BertCheckpoint.Load(BertFixture.Directory);
        BertCheckpoint.Save(saved, first.Encoder, first.Vocabulary, first.Pooler);
        using var second = BertCheckpoint.Load(saved);

        BertFixture.Bits(second.Encoder).Should().BeEquivalentTo(BertFixture.Bits(first.Encoder), options => options.WithStrictOrdering());
        BertFixture.Bits(second.Pooler!).Should().BeEquivalentTo(BertFixture.Bits(first.Pooler!), options => options.WithStrictOrdering());
        second.Encoder.Config.Should().BeEquivalentTo(first.Encoder.Config);
        second.Vocabulary.Tokens.Should().Equal(first.Vocabulary.Tokens);
    }

    [Fact]
    public void Saved_tensors_are_bert_model_s_under_the_bert_prefix_with_zero_token_types()
    {
        var saved = Subdirectory("saved");
        using (var checkpoint = BertCheckpoint.Load(BertFixture.Directory))
            BertCheckpoint.Save(saved, checkpoint.Encoder, checkpoint.Vocabulary, checkpoint.Pooler);

        using var pytorch = SafeTensors.Load(Path.Combine(BertFixture.Directory, "model.safetensors"));
        using var written = SafeTensors.Load(Path.Combine(saved, "model.safetensors"));
        var expectedNames = pytorch.Tensors.Keys.Where(name => name != "embeddings.position_ids").Select(name => "bert." + name);
        written.Tensors.Keys.Should().BeEquivalentTo(expectedNames);
        foreach (var (name, tensor) in pytorch.Tensors.Where(t => t.Key != "embeddings.position_ids"))
            written.Tensors["bert." + name].shape.Should().Equal(tensor.shape, "'{0}' keeps BertModel's shape", name);
        written.Tensors["bert.embeddings.token_type_embeddings.weight"].ToArray<float>().Should().OnlyContain(v => v == 0);
        written.Metadata.Should().ContainKey("format").WhoseValue.Should().Be("pt");
    }

    [Fact]
    public void The_saved_config_has_the_values_pytorch_s_config_has()
    {
        var saved = Subdirectory("saved");
        using (var checkpoint = BertCheckpoint.Load(BertFixture.Directory))
            BertCheckpoint.Save(saved, checkpoint.Encoder, checkpoint.Vocabulary, checkpoint.Pooler);

        var pytorch = JsonDocument.Parse(File.ReadAllText(Path.Combine(BertFixture.Directory, "config.json"))).RootElement;
        var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(saved, "config.json"))).RootElement;
        var fields = new[]
        {
            "architectures", "attention_probs_dropout_prob", "hidden_act", "hidden_dropout_prob", "hidden_size", "initializer_range",
            "intermediate_size", "layer_norm_eps", "max_position_embeddings", "model_type", "num_attention_heads", "num_hidden_layers",
            "pad_token_id", "position_embedding_type", "type_vocab_size", "vocab_size",
        };
        written.EnumerateObject().Select(p => p.Name).Should().Equal(fields, "BertConfig writes its keys sorted");
        foreach (var field in fields)
        {
            var value = written.GetProperty(field);
            var expected = pytorch.GetProperty(field);
            if (expected.ValueKind == JsonValueKind.Number) value.GetDouble().Should().Be(expected.GetDouble(), "of {0}", field);
            else value.GetRawText().Should().Be(expected.GetRawText(), "of {0}", field);
        }
        File.ReadAllLines(Path.Combine(saved, "vocab.txt")).Should().Equal(File.ReadAllLines(Path.Combine(BertFixture.Directory, "vocab.txt")));
    }
}
