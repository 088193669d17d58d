using System.Text.Json.Nodes;
using DslNas.Artifacts;
using DslNas.Methods.NasBert;
using DslNas.Runs;

namespace DslNas.Tests.Artifacts;

/// <summary>Run JSON files are read strictly: a missing required field or a null where none may be is refused naming the file and the field.</summary>
public sealed class JsonArtifactTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-json").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly ModelScore Score = new("searched (50%)", 0.31, 0.30, 0.2, 1.5, 1000);

    private string Saved(Action<JsonObject> edit)
    {
        var path = Path.Combine(directory, "final.json");
        FinalModel.Save(path, [new FinalModel("50%", 2000, FinalModel.Searched, "{}", 900, Score)]);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        edit(json[0]!.AsObject());
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [Fact]
    public void A_file_as_written_reads_back_equal()
    {
        var path = Saved(_ => { });
        FinalModel.Load(path).Should().ContainSingle().Which.Should().BeEquivalentTo(new FinalModel("50%", 2000, FinalModel.Searched, "{}", 900, Score));
    }

    [Theory]
    [InlineData("Budget")]
    [InlineData("Score")]
    [InlineData("NonEmbeddingParameters")]
    public void A_missing_field_is_refused_naming_the_file_and_the_field(string field)
    {
        var path = Saved(model => model.Remove(field));
        FluentActions.Invoking(() => FinalModel.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*final.json: not a DslNas list of NAS-BERT final models:*{field}*");
    }

    [Fact]
    public void A_null_where_a_value_is_needed_is_refused_naming_the_file()
    {
        var path = Saved(model => model["Architecture"] = null);
        FluentActions.Invoking(() => FinalModel.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage("*final.json: not a DslNas list of NAS-BERT final models:*Architecture*");
    }
}
