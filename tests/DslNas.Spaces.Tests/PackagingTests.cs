using System.Diagnostics;
using System.IO.Compression;

namespace DslNas.Spaces.Tests;

/// <summary>
/// The packages and the template as a user gets them: DslNas.Torch, DslNas and DslNas.Driver (built in this test's
/// configuration) and DslNas.Templates packed into a local folder; a project made outside the repository with
/// 'dotnet new dslnas', restored from that folder (and nuget.org for third-party packages), built, and run.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private static readonly string Tests = Path.GetDirectoryName(typeof(PackagingTests).Assembly.Location)!;
    private static readonly string Configuration = new DirectoryInfo(Tests).Parent!.Name;
    private static readonly string Root = Tests[..Tests.IndexOf($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)];

    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-packages").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_project_from_the_template_restores_from_the_packages_builds_and_runs()
    {
        var feed = Path.Combine(directory, "feed");
        foreach (var packaged in new[] { "src/DslNas.Torch", "src/DslNas", "src/DslNas.Driver" })
            Dotnet(Root, "pack", Path.Combine(Root, packaged), "-c", Configuration, "--no-build", "-o", feed);
        Dotnet(Root, "pack", Path.Combine(Root, "templates", "DslNas.Templates"), "-c", Configuration, "-o", feed);

        Entries(feed, "DslNas.Torch").Should().Contain(["runtimes/linux-x64/native/libdslnas_torch.so", "buildTransitive/DslNas.Torch.targets"]);
        Entries(feed, "DslNas").Should().Contain(["analyzers/dotnet/cs/DslNas.Generators.dll", "buildTransitive/DslNas.props"]);

        var hive = Path.Combine(directory, "template-hive");
        Dotnet(directory, "new", "install", Path.Combine(feed, "DslNas.Templates.0.1.0.nupkg"), "--debug:custom-hive", hive);
        Dotnet(directory, "new", "dslnas", "-n", "EdgeSearch", "-o", "EdgeSearch", "--debug:custom-hive", hive);
        var project = Path.Combine(directory, "EdgeSearch");
        File.ReadAllText(Path.Combine(project, "EdgeSearch.csproj")).Should().Contain("<DslNasDriver>true</DslNasDriver>").And.Contain("DslNas.Driver");

        Dotnet(project, "restore", "--packages", Path.Combine(directory, "packages"), "--source", feed, "--source", "https://api.nuget.org/v3/index.json");
        Dotnet(project, "build", "--no-restore", "-c", "Release", "-nodeReuse:false");
        var driver = Path.Combine(project, "bin", "Release", "net10.0", "EdgeSearch.dll");

        Dotnet(project, "exec", driver, "spaces").Should().Contain("edge-encoder").And.Contain("a small encoder");
        var data = Path.Combine(directory, "mail.tsv");
        File.WriteAllLines(data, ["text\tlabel", .. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"win money now {i}\tspam" : $"meeting at noon {i}\tham")]);
        var run = Path.Combine(directory, "run");
        Dotnet(project, "exec", driver, "run", "--space", "edge-encoder", "--run", run, "--data", data, "--teacher", "none", "--vocabulary", "40",
            "--max-length", "12", "--batch", "8", "--steps", "6", "--population", "2", "--generations", "1", "--fine-tune-steps", "1",
            "--latency-budget", "1000", "--seed", "5", "--ignore-health");
        File.Exists(Path.Combine(run, "searches", "main", "model", "model.safetensors")).Should().BeTrue("the run finishes with a fine-tuned model");
    }

    private static IReadOnlyList<string> Entries(string feed, string package)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(feed, $"{package}.0.1.0.nupkg"));
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>Runs dotnet in <paramref name="workingDirectory"/>; a failure fails the test with its output.</summary>
    private static string Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "dotnet {0} failed:\n{1}\n{2}", string.Join(" ", args), output, error.Result);
        return output;
    }
}
