using System.Globalization;
using System.Runtime.CompilerServices;
using DslNas.Driver;
using DslNas.KillCampaign;
using DslNas.Methods.OneShot;

// dotnet run -c Release --project tools/DslNas.KillCampaign -- [--kill-points 50] [--kills 3] [--seed 1] [--work DIR] [--driver DLL] [--verbs train,search]
//   [--volatile file#field,...] [-- driver flags]
// The campaign runs this program with "driver" first as the driver it kills (over the kill-tiny space), unless --driver names another.
if (args is ["driver", ..])
{
    RuntimeHelpers.RunModuleConstructor(typeof(OneShotMethod).Module.ModuleHandle);
    return DriverApp.Run(args[1..], relaunch: ["driver"]);
}
try
{
    var (options, driverFlags) = Arguments.Parse(args);
    var work = options.GetValueOrDefault("work") ?? Directory.CreateTempSubdirectory("dslnas-kill").FullName;
    Directory.CreateDirectory(work);
    // The labelled file is written to the work directory in any case, for driver flags given after "--" to name.
    var data = Path.Combine(work, "mail.tsv");
    TinyConfiguration.WriteData(data);
    string[] flags = driverFlags.Count > 0 ? [.. driverFlags] : TinyConfiguration.Flags(data);
    var settings = new KillCampaignSettings(
        options.GetValueOrDefault("driver") is { } driver ? [driver] : TinyConfiguration.Driver,
        (options.GetValueOrDefault("verbs") ?? "train,search").Split(',', StringSplitOptions.RemoveEmptyEntries),
        flags, Arguments.Int(options, "kill-points", 50), Arguments.Int(options, "kills", 3), Arguments.Int(options, "seed", 1), work,
        (options.GetValueOrDefault("volatile") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(VolatileField.Parse).ToList());
    Console.WriteLine($"kill campaign: {settings.KillPoints} kill points, at most {settings.KillsPerVerb} per verb of a run, on '{string.Join(" then ", settings.Verbs)}' of {string.Join(" ", settings.Driver)}; work directory {work}" +
                      (settings.Volatile.Count > 0 ? $"; not compared: {string.Join(", ", settings.Volatile.Select(f => $"{f.File}#{f.Name}"))}" : ""));
    var result = KillCampaignRunner.Run(settings, Console.WriteLine);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"kills (SIGKILL to a running process) {result.Kills}, missed (the process had finished) {result.Missed}, resumed to completion {result.Resumed}, " +
        $"stale locks recovered {result.StaleLocksRecovered}, identical results {result.Identical} of {result.Trials.Count} runs, temporary files left {result.Trials.Sum(t => t.Leftovers.Count)}"));
    return result.Identical == result.Trials.Count ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
