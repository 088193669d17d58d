using System.Text.Json;
using DslNas.Export;
using DslNas.Torch;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Tests.Export;

/// <summary>
/// BERT's MLM head (cls.predictions): read with its transform from a BertForMaskedLM written by PyTorch
/// (Fixtures/bert-mlm), written and read back as DslNas's bias-only head, and refused when broken.
/// </summary>
public sealed class BertMlmHeadTests : IDisposable
{
    private static readonly string MlmFixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bert-mlm");

    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-bert-mlm").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(MlmFixture, "reference.json"))).RootElement;

    private static Tensor Matrix(string name)
    {
        var rows = Reference.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        return torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);
    }

    private string CopyOfMlmFixture()
    {
        foreach (var name in new[] { "config.json", "model.safetensors", "vocab.txt" })
            File.Copy(Path.Combine(MlmFixture, name), Path.Combine(directory, name), overwrite: true);
        return directory;
    }

    private void EditTensors(Action<Dictionary<string, Tensor>> edit) => BertFixture.EditTensors(directory, edit);

    [Fact]
    public void A_bert_for_masked_lm_written_by_pytorch_gives_its_logits_through_the_transform_and_bias()
    {
        using var checkpoint = BertCheckpoint.Load(MlmFixture);
        checkpoint.MlmHead.Should().NotBeNull();
        checkpoint.MlmHead!.HasTransform.Should().BeTrue();
        checkpoint.Pooler.Should().BeNull("BertForMaskedLM has no pooler");

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var teacher = MlmTeacher.Of(checkpoint);
        teacher.HasHead.Should().BeTrue();
        var logits = teacher.Logits(teacher.Hidden(Matrix("input_ids"), Matrix("attention_mask")));
        var expected = Reference.GetProperty("logits");
        logits.shape.Should().Equal(expected.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()));
        logits.ToArray<float>().Should().Equal(expected.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()),
            (actual, reference) => Math.Abs(actual - reference) <= 1e-4f * Math.Max(1, Math.Abs(reference)));
    }

    [Fact]
    public void A_checkpoint_that_keeps_the_bias_under_the_decoder_s_name_or_legacy_layer_norm_names_reads_the_same()
    {
        CopyOfMlmFixture();
        EditTensors(tensors =>
        {
            tensors["cls.predictions.decoder.bias"] = tensors["cls.predictions.bias"];
            tensors.Remove("cls.predictions.bias");
            tensors["cls.predictions.transform.LayerNorm.gamma"] = tensors["cls.predictions.transform.LayerNorm.weight"];
            tensors.Remove("cls.predictions.transform.LayerNorm.weight");
        });
        using var original = BertCheckpoint.Load(MlmFixture);
        using var renamed = BertCheckpoint.Load(directory);
        BertFixture.Bits(renamed.MlmHead!).Should().BeEquivalentTo(BertFixture.Bits(original.MlmHead!));
    }

    [Fact]
    public void A_dslnas_mlm_model_saved_with_its_bias_reads_back_a_head_of_the_same_logits()
    {
        var vocabulary = TinyCorpusVocabulary();
        torch.manual_seed(11);
        using var model = new MlmModel(DslNas.Torch.Nn.TransformerEncoderConfig.Uniform(vocabulary.Count, 16, 32, 2, 2, 64, dropout: 0));
        using (torch.no_grad()) model.mlm_bias.copy_(torch.randn([vocabulary.Count]));
        model.eval();
        BertCheckpoint.Save(directory, model.encoder, vocabulary, mlmBias: model.mlm_bias);

        using var checkpoint = BertCheckpoint.Load(directory);
        checkpoint.MlmHead!.HasTransform.Should().BeFalse("DslNas's head is the tied decoder and a bias");
        BertFixture.Bits(checkpoint.MlmHead.bias).Should().Equal(BertFixture.Bits(model.mlm_bias));
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 2, 7, 9, 11, 3 }, [1, 5]);
        var teacher = MlmTeacher.Of(checkpoint);
        BertFixture.Bits(teacher.Logits(teacher.Hidden(ids, null))).Should().Equal(BertFixture.Bits(MlmTeacher.Of(model).Logits(model.encoder.forward(ids))));
    }

    [Fact]
    public void A_checkpoint_without_a_head_decodes_with_the_word_embeddings_alone()
    {
        using var checkpoint = BertCheckpoint.Load(BertFixture.Directory);
        checkpoint.MlmHead.Should().BeNull();
        var teacher = MlmTeacher.Of(checkpoint);
        teacher.HasHead.Should().BeFalse();
        using var scope = torch.NewDisposeScope();
        var hidden = torch.randn([3, 16]);
        BertFixture.Bits(teacher.Logits(hidden)).Should().Equal(BertFixture.Bits(F.linear(hidden, checkpoint.Encoder.token_embedding.weight)));
    }

    [Fact]
    public void A_head_with_a_misshapen_bias_or_a_partial_transform_is_refused_naming_the_tensor()
    {
        CopyOfMlmFixture();
        EditTensors(tensors => tensors["cls.predictions.bias"] = torch.zeros([29]));
        FluentActions.Invoking(() => BertCheckpoint.Load(directory).Dispose()).Should().Throw<InvalidDataException>()
            .WithMessage("*'cls.predictions.bias' has shape [29] but config.json implies [30]*");

        CopyOfMlmFixture();
        EditTensors(tensors => tensors.Remove("cls.predictions.transform.dense.bias"));
        FluentActions.Invoking(() => BertCheckpoint.Load(directory).Dispose()).Should().Throw<InvalidDataException>()
            .WithMessage("*'cls.predictions.transform.dense.bias' is missing*");
    }

    [Fact]
    public void A_bias_of_the_wrong_size_is_refused_before_anything_is_written()
    {
        using var checkpoint = BertCheckpoint.Load(BertFixture.Directory);
        var output = Path.Combine(directory, "out");
        FluentActions.Invoking(() => BertCheckpoint.Save(output, checkpoint.Encoder, checkpoint.Vocabulary, mlmBias: torch.zeros([7])))
            .Should().Throw<ArgumentException>().WithMessage("*MLM bias must have shape [30]*got [7]*");
        Directory.Exists(output).Should().BeFalse();
    }

    private static DslNas.Data.Text.Vocabulary TinyCorpusVocabulary() => DslNas.Data.Text.Vocabulary.Load(Path.Combine(BertFixture.Directory, "vocab.txt"));
}
