using System.Runtime.CompilerServices;
using System.Text.Json;
using DslNas.Runs;
using DslNas.Training;

namespace DslNas.Spaces.Tests.Distributed;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class DistributedRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dslnas-distributed-run").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_run_over_two_ranks_trains_data_parallel_searches_split_and_rank_0_alone_writes()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(TinyLengths).Module.ModuleHandle);
        RuntimeHelpers.RunModuleConstructor(typeof(DslNas.Methods.OneShot.OneShotMethod).Module.ModuleHandle);
        var data = Path.Combine(root, "mail.tsv");
        File.WriteAllText(data, TinyRun.MailTsv());
        var run = Path.Combine(root, "run");
        var options = RunOptions.Defaults with
        {
            Space = "tiny-lengths",
            Seed = 5,
            Data = RunOptions.Defaults.Data with { Data = data, Vocabulary = 60, MaxLength = 16, BatchSize = 8 },
            Teacher = RunOptions.Defaults.Teacher with { Source = "none" },
            Training = RunOptions.Defaults.Training with { Steps = 12, LearningRate = 0.003 },
            Search = RunOptions.Defaults.Search with { Population = 4, Generations = 2, MaxLatencyMs = 1000 },
            FineTune = RunOptions.Defaults.FineTune with { Steps = 2 },
        };
        var request = RunRequest.For(run, options) with { IgnoreHealth = true };
        var logs = Ranks.Run(2, world =>
        {
            var lines = new List<string>();
            using var session = RunEngine.Open(request, new QuietRunEvents(lines.Add), world);
            session.Run();
            return lines;
        }, TimeSpan.FromSeconds(60));

        var directory = new RunDirectory(run);
        SupernetCheckpoint.Ranks(directory.SupernetCheckpoint).Should().Be(2);
        File.ReadAllLines(directory.Log).Count(l => l.EndsWith("stage train: train the weight-sharing supernet (sandwich rule, in-place distillation) and check its health"))
            .Should().Be(1, "rank 0 alone writes the run's log");
        logs[1].Should().Contain(l => l.StartsWith("supernet training:"), "rank 1 trained too").And.NotContain(l => l.StartsWith("chosen:"), "choosing is rank 0's alone");
        var search = directory.Search(RunEngine.MainSearch);
        var results = File.ReadAllLines(search.Results);
        var state = JsonDocument.Parse(File.ReadAllText(search.State)).RootElement;
        results.Should().HaveCount(state.GetProperty("Evaluated").GetArrayLength(), "every evaluated candidate is written once, by rank 0");
        File.Exists(search.Report).Should().BeTrue();
    }
}
