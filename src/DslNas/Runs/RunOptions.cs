using System.Text.Json.Serialization;
using DslNas.Artifacts;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Methods.NasBert;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Runs;

/// <summary>
/// Everything a run depends on, composed of one options record per stage and saved as run.json. Build variants from
/// <see cref="Defaults"/> (<c>RunOptions.Defaults with { ... }</c>); the driver's flags take their defaults from here.
/// The search record's own options (population, budget, ...) are saved with each search, so that one trained
/// supernet can be searched again under other budgets.
/// </summary>
public sealed record RunOptions
{
    public static RunOptions Defaults { get; } = new() { Precision = DefaultPrecision };

    /// <summary>
    /// bfloat16 matrix products where the CPU multiplies bfloat16 natively (there they train and score about 1.7x
    /// faster at the same accuracy: docs/performance.md), float32 elsewhere.
    /// </summary>
    public static MatmulPrecision DefaultPrecision => BFloat16Support.IsNative ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32;

    public string Method { get; init; } = "one-shot";
    public string Space { get; init; } = "fast-transformer";
    public int Seed { get; init; } = 17;
    public DataOptions Data { get; init; } = new();
    public TeacherOptions Teacher { get; init; } = new();
    public SupernetTrainingOptions Training { get; init; } = new();
    public LayerNormPlacement LayerNorm { get; init; } = LayerNormPlacement.Post;
    public SupernetPretrainingOptions SupernetPretraining { get; init; } = new();
    public HealthOptions Health { get; init; } = new();
    public SearchOptions Search { get; init; } = new();
    /// <summary>
    /// New runs measure with the reference and search with the space's lookup table, the front and the choice measured;
    /// the record's own defaults (no reference, every candidate measured) are what runs saved before either kept.
    /// </summary>
    public LatencyOptions Latency { get; init; } = new(Reference: true, Source: LatencySource.TableName);
    public FineTuneOptions FineTune { get; init; } = new();
    public BortOptions Bort { get; init; } = new();
    public NasBertOptions NasBert { get; init; } = new();

    /// <summary>
    /// The precision of the matrix products every stage trains and scores with; latency, and the test and validation
    /// figures of standalone models, are always taken in float32. Runs saved without it keep float32.
    /// </summary>
    public MatmulPrecision Precision { get; init; } = MatmulPrecision.Float32;

    /// <summary>The launch's ranks and timeout: this invocation's, never the saved run's.</summary>
    [JsonIgnore]
    public DistributedOptions Distributed { get; init; } = new();

    public void Validate()
    {
        Data.Validate();
        Teacher.Validate();
        Training.Validate();
        SupernetPretraining.Validate();
        Health.Validate();
        Search.Validate();
        Latency.Validate();
        FineTune.Validate();
        Bort.Validate();
        NasBert.Validate();
        Distributed.Validate();
    }

    public string ToJson() => JsonArtifact.Write(this);

    public static RunOptions Load(string path) => JsonArtifact.Load<RunOptions>(path, "run configuration", "there is no run here (no run.json)");
}
