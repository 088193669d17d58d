using System.Globalization;
using DslNas.Engine;
using DslNas.Nn;

namespace DslNas.Search.Lengths;

/// <summary>
/// A length configuration of the Length-Adaptive Transformer: how many tokens each layer keeps (l_1 &gt;= l_2 &gt;= ...),
/// as integer counts of the padded sequence of <see cref="SequenceLength"/> tokens, never fewer than
/// <see cref="MinLength"/>. Layer i attends over the tokens layer i - 1 kept and runs its FFN on its own l_i.
/// </summary>
public sealed class LengthConfiguration : IEquatable<LengthConfiguration>
{
    /// <summary>PoWER-BERT's and LAT's least kept length.</summary>
    public const int MinLength = 2;

    private readonly int[] lengths;

    public LengthConfiguration(IReadOnlyList<int> lengths, int sequenceLength)
    {
        if (sequenceLength < MinLength) throw new ArgumentException($"the sequence length must be at least {MinLength}, got {sequenceLength}");
        if (lengths.Count == 0) throw new ArgumentException("a length configuration needs at least one layer");
        var previous = sequenceLength;
        for (var i = 0; i < lengths.Count; i++)
        {
            if (lengths[i] > sequenceLength)
                throw new ArgumentException($"layer {i + 1} keeps {lengths[i]} tokens, more than the sequence length {sequenceLength}");
            if (lengths[i] < MinLength) throw new ArgumentException($"layer {i + 1} keeps {lengths[i]} tokens; a layer keeps at least {MinLength}");
            if (lengths[i] > previous) throw new ArgumentException($"layer {i + 1} keeps {lengths[i]} tokens, more than layer {i} ({previous}); lengths never grow");
            previous = lengths[i];
        }
        this.lengths = lengths.ToArray();
        SequenceLength = sequenceLength;
    }

    public IReadOnlyList<int> Lengths => lengths;
    public int Layers => lengths.Length;
    public int SequenceLength { get; }

    /// <summary>Every layer keeps every token (no length reduction).</summary>
    public static LengthConfiguration Full(int layers, int sequenceLength) => new(Enumerable.Repeat(sequenceLength, layers).ToArray(), sequenceLength);

    /// <summary>Constant-rate reduction: every layer keeps ceil((1 - r) x) of the x tokens the layer before kept (at least <see cref="MinLength"/>).</summary>
    public static LengthConfiguration ConstantRate(int layers, int sequenceLength, double rate)
    {
        if (rate is < 0 or >= 1) throw new ArgumentException($"the reduction rate must lie in [0, 1), got {rate}");
        var result = new int[layers];
        var previous = sequenceLength;
        for (var i = 0; i < layers; i++) previous = result[i] = Math.Max(MinLength, Math.Min(previous, (int)Math.Ceiling((1 - rate) * previous)));
        return new LengthConfiguration(result, sequenceLength);
    }

    /// <summary>Parses "l1,l2,...": exactly <paramref name="layers"/> integers, non-increasing, within [2, sequence length].</summary>
    public static LengthConfiguration Parse(string text, int layers, int sequenceLength)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != layers)
            throw new FormatException($"the length configuration '{text}' has {parts.Length} lengths; the model has {layers} layers");
        var values = new int[layers];
        for (var i = 0; i < layers; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                throw new FormatException($"the length configuration '{text}': '{parts[i]}' (layer {i + 1}) is not a whole number of tokens");
        try
        {
            return new LengthConfiguration(values, sequenceLength);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"the length configuration '{text}' is invalid: {e.Message}", e);
        }
    }

    /// <summary>The approximate relative cost LAT's initial population is spaced by: the mean kept fraction over layers.</summary>
    public double KeptFraction => lengths.Average() / SequenceLength;

    /// <summary>The plan with each layer keeping this configuration's length.</summary>
    public SubnetPlan Apply(SubnetPlan plan)
    {
        if (plan.Layers.Count != lengths.Length)
            throw new ArgumentException($"the length configuration has {lengths.Length} layers, the model {plan.Layers.Count}");
        return new SubnetPlan(plan.Layers.Select((l, i) => new LayerShape(l.Op, l.Hidden, l.Heads, l.HeadSize, l.Ffn, lengths[i])).ToArray());
    }

    /// <summary>FLOPs of one sequence through the architecture with this configuration's lengths (the space's closed form).</summary>
    public long Flops(SpaceEngine engine, Genes architecture)
    {
        var values = engine.ToValues(architecture);
        var seqLength = engine.Dimensions.Select((d, i) => (d, i)).First(p => p.d.Role == Role.SeqLength).i;
        values[seqLength] = lengths.Select(l => (double)l).ToArray();
        return engine.Flops(values, SequenceLength);
    }

    public bool Equals(LengthConfiguration? other) => other is not null && SequenceLength == other.SequenceLength && lengths.AsSpan().SequenceEqual(other.lengths);

    public override bool Equals(object? obj) => Equals(obj as LengthConfiguration);

    public override int GetHashCode() => HashCode.Combine(SequenceLength, ToString());

    /// <summary>"l1,l2,...", as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => string.Join(",", lengths);
}
