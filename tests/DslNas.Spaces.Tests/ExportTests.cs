using DslNas.Data.Text;
using DslNas.Export;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.NodeClients;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Spaces.Tests;

/// <summary>
/// The export verb on the tiny run: ONNX run by ONNX Runtime with DslNas's logits, BERT's layout for a plain encoder,
/// tokenizer.json, and the refusals (no model, a non-empty output, an architecture outside the space, BERT for a
/// subnet that reduces length).
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ExportTests(TinyRun tiny) : IClassFixture<TinyRun>
{
    private static readonly string[] Texts = ["win money now 3", "see the notes from the meeting 12", "cheap loans today", "the build is green 7 and lunch tomorrow"];

    private static (int Code, string Output, string Error) Run(params string[] args) => DriverHarness.Run(args);

    private string Output() => Path.Combine(tiny.Root, "export-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Onnx_export_of_the_fine_tuned_model_runs_in_onnx_runtime_with_the_same_logits()
    {
        var output = Output();
        var (code, printed, error) = Run("export", "--run", tiny.Run, "--format", "onnx", "--output", output);
        code.Should().Be(0, error);
        printed.Should().Contain("the search's fine-tuned model");
        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo(
            "model.onnx", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "export.json");

        var model = Path.Combine(tiny.Run, "searches", "main", "model");
        var (saved, vocabulary) = SavedModel.Load(model, SavedModel.Config(model));
        using (saved)
            OrtLogitsShouldEqual(Path.Combine(output, "model.onnx"), saved, vocabulary);
    }

    [Fact]
    public void An_architecture_is_extracted_from_the_supernet_and_exported_as_extract_writes_it()
    {
        const string architecture = "{\"space\":\"tiny-lengths\",\"Layers\":3,\"Hidden\":32,\"Heads\":[2,1,2],\"FfnSize\":[64,32,64],\"SeqLength\":[12,8,4]}";
        var output = Output();
        Run("export", "--run", tiny.Run, "--architecture", architecture, "--output", output).Code.Should().Be(0);
        var extracted = Output();
        Run("extract", "--run", tiny.Run, "--architecture", architecture, "--output", extracted).Code.Should().Be(0);

        var (model, vocabulary) = SavedModel.Load(extracted, SavedModel.Config(extracted));
        using (model)
            OrtLogitsShouldEqual(Path.Combine(output, "model.onnx"), model, vocabulary);
    }

    [Fact]
    public void Bert_layout_is_refused_for_a_subnet_that_reduces_length_and_names_onnx()
    {
        var output = Output();
        var (code, _, error) = Run("export", "--run", tiny.Run, "--format", "bert", "--output", output);
        code.Should().Be(2);
        error.Should().Contain("BERT's config.json cannot describe").And.Contain("length reduction").And.Contain("--format onnx");
        Directory.Exists(output).Should().BeFalse("nothing is written before everything is checked");
    }

    [Fact]
    public void A_plain_encoder_exports_to_both_formats_and_the_bert_layout_loads_with_the_same_outputs()
    {
        var run = Path.Combine(tiny.Root, "plain-" + Guid.NewGuid().ToString("N")[..6]);
        // BERT's layout holds post-LN layers, the library's placement (one-shot's own default is pre-LN).
        string[] flags = [.. tiny.Flags(run).Select(f => f == "tiny-lengths" ? "tiny-choices" : f), "--layer-norm", "post"];
        Run(["run", .. flags]).Code.Should().Be(0);
        var output = Output();
        var (code, _, error) = Run("export", "--run", run, "--format", "both", "--output", output);
        code.Should().Be(0, error);

        var model = Path.Combine(run, "searches", "main", "model");
        var (saved, vocabulary) = SavedModel.Load(model, SavedModel.Config(model));
        using (saved)
        using (var bert = BertCheckpoint.Load(output))
        using (var head = SafeTensors.Load(Path.Combine(output, ModelExport.ClassifierFile)))
        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var (ids, mask) = Encode(vocabulary, out _);
            var hidden = bert.Encoder.forward(ids, mask);
            hidden.ToArray<float>().Should().Equal(saved.forward(ids, mask).ToArray<float>());
            var logits = torch.nn.functional.linear(hidden.select(1, 0), head.Tensors["classifier.weight"], head.Tensors["classifier.bias"]);
            logits.ToArray<float>().Should().Equal(saved.Classify(ids, mask).ToArray<float>());
            bert.Vocabulary.Tokens.Should().Equal(vocabulary.Tokens);
            OrtLogitsShouldEqual(Path.Combine(output, "model.onnx"), saved, vocabulary);
        }
    }

    [Fact]
    public void A_run_without_a_chosen_model_and_no_architecture_is_an_error()
    {
        var run = tiny.Copy();
        Directory.Delete(Path.Combine(run, "searches", "main", "model"), recursive: true);
        File.Delete(Path.Combine(run, "searches", "main", "choice.json"));
        var (code, _, error) = Run("export", "--run", run, "--output", Output());
        code.Should().Be(2);
        error.Should().Contain("has no chosen model").And.Contain("--architecture");
    }

    [Fact]
    public void A_non_empty_output_is_refused_unless_forced()
    {
        var output = Output();
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var refused = Run("export", "--run", tiny.Run, "--output", output);
        refused.Code.Should().Be(2);
        refused.Error.Should().Contain("exists and is not empty").And.Contain("--force");
        Directory.GetFiles(output).Select(Path.GetFileName).Should().Equal("notes.txt");

        Run("export", "--run", tiny.Run, "--output", output, "--force").Code.Should().Be(0);
        File.Exists(Path.Combine(output, "model.onnx")).Should().BeTrue();
        File.ReadAllText(Path.Combine(output, "notes.txt")).Should().Be("mine");
    }

    [Fact]
    public void An_architecture_outside_the_space_gets_the_spaces_own_message()
    {
        const string architecture = "{\"space\":\"tiny-lengths\",\"Layers\":2,\"Hidden\":48,\"Heads\":[2,2],\"FfnSize\":[64,64],\"SeqLength\":[16,16]}";
        var (code, _, error) = Run("export", "--run", tiny.Run, "--architecture", architecture, "--output", Output());
        code.Should().Be(2);
        error.Should().Contain("the architecture is not in search space 'tiny-lengths'").And.Contain("Hidden");
    }

    [Theory]
    [InlineData("VocabularySize", "2000000000", "*model.safetensors: holds * values but *model.json describes a model of * parameters")]
    [InlineData("VocabularySize", "0", "*model.json: the vocabulary size (0) and the maximum length (*) must be positive")]
    [InlineData("Architecture", "null", "*model.json: not a DslNas model configuration:*'Architecture'*null*")]
    [InlineData("Labels", "null", "*model.json: not a DslNas model configuration:*'Labels'*null*")]
    [InlineData("Labels", "[]", "*model.json: the labels are empty; a model needs at least one")]
    [InlineData("Architecture", "\"{\\\"Layers\\\":3,\\\"Layers\\\":2}\"", "*model.json, its architecture: field 'Layers' is given 2 times")]
    public void A_hostile_model_json_is_refused_naming_the_file_before_the_model_is_allocated(string field, string json, string message)
    {
        var model = CopyOfTheChosenModel();
        var path = Path.Combine(model, "model.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        File.WriteAllText(path, config.ToJsonString());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.LiveCount;
        FluentActions.Invoking(() => SavedModel.Load(model, SavedModel.Config(model)).Model.Dispose()).Should().Throw<Exception>()
            .Where(e => e is InvalidDataException || e is FormatException).WithMessage(message);
        Tensor.LiveCount.Should().Be(before, "a refused model allocates nothing it keeps");
    }

    [Fact]
    public void Weights_that_do_not_fit_the_model_are_refused_naming_the_file()
    {
        var model = CopyOfTheChosenModel();
        var path = Path.Combine(model, "model.safetensors");
        using (var scope = torch.NewDisposeScope())
        using (var file = SafeTensors.Load(path))
        {
            var tensors = file.Tensors.ToDictionary(t => t.Key, t => t.Value);
            tensors["extra.weight"] = torch.zeros([4]);
            SafeTensors.Save(path, tensors);
        }
        FluentActions.Invoking(() => SavedModel.Load(model, SavedModel.Config(model)).Model.Dispose()).Should().Throw<InvalidDataException>()
            .WithMessage("*model.safetensors: the weights do not fit the model*model.json describes*unexpected [extra.weight]*");
    }

    private string CopyOfTheChosenModel()
    {
        var source = Path.Combine(tiny.Run, "searches", "main", "model");
        var copy = Output();
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>ONNX Runtime's logits for the texts, padded in one batch, equal the model's within 1e-4.</summary>
    private static void OrtLogitsShouldEqual(string onnx, ExtractedSubnet model, Vocabulary vocabulary)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (ids, mask) = Encode(vocabulary, out var rows);
        var expected = model.Classify(ids, mask).ToArray<float>();
        var actual = NodeClient.RunOnnx(onnx, rows.Ids, rows.Mask)["logits"].Data;
        actual.Should().HaveSameCount(expected);
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(1e-4f);
    }

    private static (Tensor Ids, Tensor Mask) Encode(Vocabulary vocabulary, out (long[][] Ids, long[][] Mask) rows)
    {
        var tokenizer = new WordPieceTokenizer(vocabulary);
        var encoded = Texts.Select(t => tokenizer.EncodeForModel(t, 16)).ToArray();
        var length = encoded.Max(e => e.Length);
        var ids = encoded.Select(e => Enumerable.Range(0, length).Select(i => i < e.Length ? (long)e[i] : vocabulary.PaddingId).ToArray()).ToArray();
        var mask = encoded.Select(e => Enumerable.Range(0, length).Select(i => i < e.Length ? 1L : 0L).ToArray()).ToArray();
        rows = (ids, mask);
        long[] shape = [Texts.Length, length];
        return (torch.tensor(ids.SelectMany(r => r).ToArray(), shape), torch.tensor(mask.SelectMany(r => r).ToArray(), shape));
    }
}
