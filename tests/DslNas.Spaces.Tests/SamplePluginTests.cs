using System.Diagnostics;

namespace DslNas.Spaces.Tests;

/// <summary>The sample project's own method, listed and run by the sample's own generated driver (a separate process).</summary>
public sealed class SamplePluginTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-sample").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The sample driver built beside this test assembly's configuration.</summary>
    private static string SampleDriver()
    {
        var tests = Path.GetDirectoryName(typeof(SamplePluginTests).Assembly.Location)!;
        var configuration = new DirectoryInfo(tests).Parent!.Name;
        var root = tests[..tests.IndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];
        return Path.Combine(root, "samples", "CustomSpace", "bin", configuration, "net10.0", "CustomSpace.dll");
    }

    private static (int Code, string Output, string Error) Driver(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SampleDriver());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void The_samples_method_is_listed_and_runs_from_its_own_driver()
    {
        var methods = Driver("methods");
        methods.Code.Should().Be(0, methods.Error);
        methods.Output.Should().Contain("random-pick").And.Contain("one-shot");

        var data = Path.Combine(directory, "names.tsv");
        File.WriteAllLines(data, ["text\tlabel", .. Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? $"anna maria {i}\tf" : $"peter paul {i}\tm")]);
        var run = Path.Combine(directory, "run");
        var result = Driver("run", "--method", "random-pick", "--space", "tiny-encoder", "--run", run, "--data", data, "--teacher", "none", "--vocabulary", "40",
            "--max-length", "8", "--batch", "8", "--steps", "2", "--population", "3", "--ignore-health");
        result.Code.Should().Be(0, result.Error);
        result.Output.Should().Contain("picked");
        File.ReadAllText(Path.Combine(run, "searches", "main", "pick.json")).Should().StartWith("{\"space\":\"tiny-encoder\"");
    }
}
