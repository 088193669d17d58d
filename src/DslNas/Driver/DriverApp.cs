namespace DslNas.Driver;

/// <summary>The command line of a DslNas driver; generated entry points call <see cref="Run"/> once every space is registered.</summary>
public static class DriverApp
{
    public static int Run(string[] args)
    {
        try
        {
            var verb = args.Length > 0 ? args[0] : "classify-baseline";
            var rest = args.Skip(args.Length > 0 ? 1 : 0).ToArray();
            return verb switch
            {
                "spaces" => SpacesCommand.Run(Console.Out),
                "describe" => DescribeCommand.Run(rest, Console.Out),
                "classify-baseline" => BaselineJob.Run(CommandLine.Parse(rest)),
                "prepare-data" => PrepareDataJob.Run(CommandLine.Parse(rest)),
                "--help" or "-h" or "help" => CommandLine.Usage(Console.Out),
                _ => CommandLine.Fail($"unknown command '{verb}'"),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                                      or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return CommandLine.Fail(e.Message);
        }
    }
}
