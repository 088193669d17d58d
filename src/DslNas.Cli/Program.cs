using DslNas.Cli;

// DslNas.Cli [classify-baseline] | prepare-data [--package DIR] [--output FILE]
try
{
    var verb = args.Length > 0 ? args[0] : "classify-baseline";
    var options = CommandLine.Parse(args.Skip(args.Length > 0 ? 1 : 0).ToArray());
    return verb switch
    {
        "classify-baseline" => BaselineJob.Run(options),
        "prepare-data" => PrepareDataJob.Run(options),
        "--help" or "-h" or "help" => CommandLine.Usage(Console.Out),
        _ => CommandLine.Fail($"unknown command '{verb}'"),
    };
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException)
{
    return CommandLine.Fail(e.Message);
}
