using DslNas.Engine;
using DslNas.Nn;
using DslNas.Runs;
using DslNas.Search.Lengths;

namespace DslNas.Methods.LengthAdaptive;

/// <summary>
/// The one model a length-adaptive run trains and searches: the space's largest architecture (its other dimensions
/// fixed), run at the data's maximum length, whose layers keep the tokens a <see cref="LengthConfiguration"/> says.
/// </summary>
internal sealed class LengthModel
{
    public LengthModel(RunContext context)
    {
        Context = context;
        Engine = context.Space.Engine;
        Architecture = Engine.Extreme(largest: true);
        Plan = Engine.Plan(Architecture);
        SequenceLength = context.Options.Data.MaxLength;
        Supernet = RunSupernet.Load(context);
    }

    public RunContext Context { get; }
    public SpaceEngine Engine { get; }
    public Genes Architecture { get; }
    public SubnetPlan Plan { get; }
    public int Layers => Plan.Layers.Count;
    public int SequenceLength { get; }
    public Supernet Supernet { get; }

    public LengthConfiguration Full => LengthConfiguration.Full(Layers, SequenceLength);

    public SubnetPlan With(LengthConfiguration lengths) => lengths.Apply(Plan);

    public long Flops(LengthConfiguration lengths) => lengths.Flops(Engine, Architecture);

    public long Parameters => Engine.Parameters(Architecture);

    /// <summary>The search's settings for this run and search record.</summary>
    public LengthEvolution.Settings Settings =>
        new(Context.Options.Search.Lengths, Context.Options.Search.Population, Context.Options.Training.LengthDrop, Context.Options.Seed);

    /// <summary>The saved search of the current record.</summary>
    public LengthEvolution Search(Func<LengthConfiguration, double> score) =>
        LengthEvolution.Resume(Context.Search.State, Layers, SequenceLength, Settings, c => Flops(c), score);

    /// <summary>A constant-rate sweep: rates k p / steps for k = 0..steps (k = 0 is no reduction), p the LengthDrop bound.</summary>
    public IReadOnlyList<LengthConfiguration> ConstantRates(int steps) =>
        Enumerable.Range(0, steps + 1).Select(k => LengthConfiguration.ConstantRate(Layers, SequenceLength, Context.Options.Training.LengthDrop * k / steps))
            .Distinct().ToList();
}
