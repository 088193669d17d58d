using System.Text.Json.Nodes;
using DslNas.Runs;
using DslNas.Search;

namespace DslNas.Tests.Runs;

public sealed class LatencyOptionsTests
{
    [Fact]
    public void A_new_run_measures_with_the_reference_and_a_search_record_from_before_it_without()
    {
        RunOptions.Defaults.Latency.Reference.Should().BeTrue();
        var path = Path.Combine(Directory.CreateTempSubdirectory("dslnas-latency-options-").FullName, "search.json");
        try
        {
            new SearchRecordOptions(new SearchOptions(), RunOptions.Defaults.Latency, 3.5).Save(path);
            SearchRecordOptions.Load(path).Latency.Reference.Should().BeTrue();

            var json = JsonNode.Parse(File.ReadAllText(path))!;
            json["Latency"]!.AsObject().Remove("Reference").Should().BeTrue();
            File.WriteAllText(path, json.ToJsonString());
            SearchRecordOptions.Load(path).Latency.Reference.Should().BeFalse("its budget and front were measured without the reference");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
