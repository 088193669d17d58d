using DslNas.Runs;

namespace DslNas.Methods.NasBert;

/// <summary>
/// NAS-BERT's files. In the run directory: checkpoints/nas-bert.safetensors (the student supernet and the block maps),
/// shrinking.json (the paths alive per block and bin, to resume), pruning.csv (block, bin, step, before, after) and
/// survivors.json/.csv (each block's surviving paths with their block-wise dev losses). In the search record:
/// ranking.csv (combinations by summed block loss), selection.csv and choices.json (the top k per budget and the
/// choice), latency-check.csv (the lookup table against measured models), final.json (the final models against the uniform baselines), pruning.svg and report.md.
/// </summary>
public sealed class NasBertFiles(RunContext context)
{
    public string Checkpoint => Path.Combine(context.Directory.Checkpoints, "nas-bert.safetensors");
    public string Shrinking => Run("shrinking.json");
    public string Pruning => Run("pruning.csv");
    public string Survivors => Run("survivors.json");
    public string SurvivorsCsv => Run("survivors.csv");
    public string Ranking => Search("ranking.csv");
    public string Selection => Search("selection.csv");
    public string Choices => Search("choices.json");
    public string Final => Search("final.json");
    public string LatencyCheck => Search("latency-check.csv");
    public string PruningSvg => Search("pruning.svg");

    private string Run(string name) => Path.Combine(context.Directory.Path, name);

    private string Search(string name) => Path.Combine(context.Search.Path, name);
}
