using System.Text.Json.Nodes;
using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Tests.Export;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class BertRefusalTests : IDisposable
{
    private readonly string directory = BertFixture.CopyTo(Directory.CreateTempSubdirectory("dslnas-bert-bad").FullName);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    private void EditTensors(Action<Dictionary<string, Tensor>> edit) => BertFixture.EditTensors(directory, edit);

    private Action Load => () => BertCheckpoint.Load(directory).Dispose();

    [Fact]
    public void A_missing_tensor_is_named()
    {
        EditTensors(tensors => tensors.Remove("encoder.layer.1.output.dense.bias"));
        Load.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors*'encoder.layer.1.output.dense.bias' is missing*");
    }

    [Fact]
    public void A_missing_layer_norm_is_named_with_its_legacy_name()
    {
        EditTensors(tensors => tensors.Remove("encoder.layer.0.output.LayerNorm.weight"));
        Load.Should().Throw<InvalidDataException>().WithMessage(
            "*model.safetensors*'encoder.layer.0.output.LayerNorm.weight' is missing (nor is it there under its legacy name 'encoder.layer.0.output.LayerNorm.gamma')*");
    }

    [Fact]
    public void A_misshapen_tensor_is_named_with_both_shapes()
    {
        EditTensors(tensors => tensors["encoder.layer.0.intermediate.dense.weight"] = torch.zeros([16, 32]));
        Load.Should().Throw<InvalidDataException>()
            .WithMessage("*model.safetensors*'encoder.layer.0.intermediate.dense.weight' has shape [16, 32]*config.json implies [32, 16]*");
    }

    [Fact]
    public void A_tensor_of_another_dtype_is_named()
    {
        EditTensors(tensors => tensors["embeddings.LayerNorm.bias"] = torch.zeros([16], ScalarType.Float64));
        Load.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors*'embeddings.LayerNorm.bias' holds Float64*F32*");
    }

    [Fact]
    public void A_pooler_with_only_one_of_its_tensors_is_refused()
    {
        EditTensors(tensors => tensors.Remove("pooler.dense.bias"));
        Load.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors*'pooler.dense.bias' is missing*");
    }

    [Fact]
    public void A_file_without_bert_s_word_embeddings_is_not_a_bert_checkpoint()
    {
        EditTensors(tensors => tensors.Remove("embeddings.word_embeddings.weight"));
        Load.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors*'bert.embeddings.word_embeddings.weight' is missing*not a BERT checkpoint*");
    }

    [Theory]
    [InlineData("hidden_act", "\"gelu_new\"", "*config.json*hidden_act is 'gelu_new'*only 'gelu'*")]
    [InlineData("hidden_act", "\"relu\"", "*config.json*hidden_act is 'relu'*only 'gelu'*")]
    [InlineData("position_embedding_type", "\"relative_key\"", "*config.json*position_embedding_type is 'relative_key'*only 'absolute'*")]
    [InlineData("model_type", "\"roberta\"", "*config.json*model_type is 'roberta'*only 'bert'*")]
    [InlineData("num_attention_heads", "3", "*config.json*hidden_size 16 is not divisible by num_attention_heads 3*")]
    [InlineData("intermediate_size", "0", "*config.json*intermediate_size must be a positive integer, got 0*")]
    [InlineData("num_hidden_layers", "\"2\"", "*config.json*num_hidden_layers must be a positive integer, got \"2\"*")]
    [InlineData("layer_norm_eps", "0", "*config.json*layer_norm_eps must be positive*")]
    [InlineData("hidden_dropout_prob", "0.2", "*config.json*hidden_dropout_prob 0.2 differs from attention_probs_dropout_prob 0.1*one dropout rate*")]
    public void An_unsupported_config_value_is_named_with_its_field(string field, string json, string message)
    {
        EditConfig(config => config[field] = JsonNode.Parse(json));
        Load.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Theory]
    [InlineData("vocab_size")]
    [InlineData("hidden_size")]
    [InlineData("num_hidden_layers")]
    [InlineData("num_attention_heads")]
    [InlineData("intermediate_size")]
    [InlineData("max_position_embeddings")]
    [InlineData("type_vocab_size")]
    public void A_missing_required_field_is_named(string field)
    {
        EditConfig(config => config.Remove(field));
        Load.Should().Throw<InvalidDataException>().WithMessage($"*config.json*the required field {field} is missing*");
    }

    [Theory]
    [InlineData("num_hidden_layers", 1_000_000)]
    [InlineData("intermediate_size", 2_000_000_000)]
    [InlineData("max_position_embeddings", 2_000_000_000)]
    public void A_config_larger_than_its_weights_is_refused_before_the_encoder_is_allocated(string field, int value)
    {
        EditConfig(config => config[field] = value);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.LiveCount;
        Load.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors: holds * values but *config.json describes an encoder of * parameters");
        Tensor.LiveCount.Should().Be(before, "nothing is allocated for a config its weights cannot fill");
    }

    [Fact]
    public void A_config_that_is_not_json_is_refused()
    {
        File.WriteAllText(Path.Combine(directory, "config.json"), "{\"vocab_size\": 30,");
        Load.Should().Throw<InvalidDataException>().WithMessage("*config.json*not valid JSON*");
    }

    [Fact]
    public void A_vocabulary_whose_size_disagrees_with_vocab_size_is_refused_with_both_sizes()
    {
        File.AppendAllText(Path.Combine(directory, "vocab.txt"), "extra\n");
        Load.Should().Throw<InvalidDataException>().WithMessage("*vocab.txt*holds 31 tokens*config.json has vocab_size 30*");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        File.Delete(Path.Combine(directory, "vocab.txt"));
        Load.Should().Throw<FileNotFoundException>().WithMessage("*vocab.txt: missing*");
    }

    [Fact]
    public void An_encoder_bert_s_config_cannot_describe_is_refused_before_anything_is_written()
    {
        var target = Path.Combine(directory, "out");
        var vocabulary = Vocabulary.Load(Path.Combine(directory, "vocab.txt"));
        var layers = new[] { new EncoderLayerShape(2, 8, 32), new EncoderLayerShape(4, 4, 32) };
        using var mixed = new TransformerEncoder(new TransformerEncoderConfig(30, 8, 16, layers));
        using var narrow = new TransformerEncoder(new TransformerEncoderConfig(30, 8, 16, [new EncoderLayerShape(2, 4, 32)]));
        using var valued = new TransformerEncoder(new TransformerEncoderConfig(30, 8, 16, [new EncoderLayerShape(2, 8, 32, ValueSize: 4)]));
        using var wideVocabulary = new TransformerEncoder(TransformerEncoderConfig.Uniform(31, 8, 16, 1, 2, 32));
        using var uniform = new TransformerEncoder(TransformerEncoderConfig.Uniform(30, 8, 16, 1, 2, 32));
        using var pooler = new Linear(16, 8);

        FluentActions.Invoking(() => BertCheckpoint.Save(target, mixed, vocabulary)).Should().Throw<ArgumentException>().WithMessage("*layer 1*identical layers*");
        FluentActions.Invoking(() => BertCheckpoint.Save(target, narrow, vocabulary)).Should().Throw<ArgumentException>().WithMessage("*layer 0*hidden size 16*");
        FluentActions.Invoking(() => BertCheckpoint.Save(target, valued, vocabulary)).Should().Throw<ArgumentException>().WithMessage("*layer 0*value size*");
        FluentActions.Invoking(() => BertCheckpoint.Save(target, wideVocabulary, vocabulary)).Should().Throw<ArgumentException>()
            .WithMessage("*vocabulary holds 30 tokens*encoder embeds 31*");
        FluentActions.Invoking(() => BertCheckpoint.Save(target, uniform, vocabulary, pooler)).Should().Throw<ArgumentException>()
            .WithMessage("*pooler maps 16 features to 16*given one maps 16 to 8*");
        Directory.Exists(target).Should().BeFalse();
    }
}
