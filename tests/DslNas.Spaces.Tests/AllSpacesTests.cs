namespace DslNas.Spaces.Tests;

/// <summary>Every generated member, on each of the four seed spaces.</summary>
public sealed class AllSpacesTests
{
    /// <summary>The typed API of one space, seen through delegates so that one test covers all four.</summary>
    public sealed record SpaceApi(
        string Name,
        Func<Random, object> Sample,
        Func<object, Random, object> Mutate,
        Func<object, object, Random, object> Crossover,
        Func<object, int[]> Encode,
        Func<int[], object> Decode,
        Func<object, bool> Contains,
        Func<object, IReadOnlyList<string>> Validate,
        Func<object, string> ToJson,
        Func<string, object> Parse,
        Func<object, long> Parameters,
        Func<object, long> Flops,
        Func<object> Largest,
        Func<object> Smallest,
        Func<IEnumerable<object>> Enumerate,
        Func<IReadOnlyDictionary<string, object>> Presets,
        IReadOnlyList<string> ReferencePresets)
    {
        public override string ToString() => Name;
    }

    private static SpaceApi Api<T>(string name, Func<Random, T> sample, Func<T, double, Random, T> mutate, Func<T, T, Random, T> crossover,
        Func<T, int[]> encode, Func<int[], T> decode, Func<T, bool> contains, Func<T, IReadOnlyList<string>> validate, Func<T, string> json,
        Func<string, T> parse, Func<T, long> parameters, Func<T, long> flops, Func<T> largest, Func<T> smallest, Func<IEnumerable<T>> all,
        Func<IReadOnlyDictionary<string, T>> presets, IReadOnlyList<string> references) where T : notnull =>
        new(name, r => sample(r), (x, r) => mutate((T)x, 0.3, r)!, (a, b, r) => crossover((T)a, (T)b, r)!, x => encode((T)x), c => decode(c),
            x => contains((T)x), x => validate((T)x), x => json((T)x), s => parse(s), x => parameters((T)x), x => flops((T)x),
            () => largest(), () => smallest(), () => all().Cast<object>(), () => presets().ToDictionary(p => p.Key, p => (object)p.Value), references);

    public static TheoryData<SpaceApi> Spaces() =>
    [
        Api("bort", Bort.Space.Sample, Bort.Space.Mutate, Bort.Space.Crossover, Bort.Space.Encode, c => Bort.Space.Decode(c), Bort.Space.Contains,
            Bort.Space.Validate, x => x.ToJson(), Bort.Parse, x => x.Parameters(), x => x.Flops(128), () => Bort.Space.Largest, () => Bort.Space.Smallest,
            Bort.Space.Enumerate, () => Bort.Space.Presets, Bort.Space.ReferencePresets),
        Api("nas-bert", NasBert.Space.Sample, NasBert.Space.Mutate, NasBert.Space.Crossover, NasBert.Space.Encode, c => NasBert.Space.Decode(c),
            NasBert.Space.Contains, NasBert.Space.Validate, x => x.ToJson(), NasBert.Parse, x => x.Parameters(), x => x.Flops(128),
            () => NasBert.Space.Largest, () => NasBert.Space.Smallest, NasBert.Space.Enumerate, () => NasBert.Space.Presets, NasBert.Space.ReferencePresets),
        Api("fast-transformer", FastTransformer.Space.Sample, FastTransformer.Space.Mutate, FastTransformer.Space.Crossover, FastTransformer.Space.Encode,
            c => FastTransformer.Space.Decode(c), FastTransformer.Space.Contains, FastTransformer.Space.Validate, x => x.ToJson(), FastTransformer.Parse,
            x => x.Parameters(), x => x.Flops(128), () => FastTransformer.Space.Largest, () => FastTransformer.Space.Smallest,
            FastTransformer.Space.Enumerate, () => FastTransformer.Space.Presets, FastTransformer.Space.ReferencePresets),
        Api("length-adaptive", LengthAdaptive.Space.Sample, LengthAdaptive.Space.Mutate, LengthAdaptive.Space.Crossover, LengthAdaptive.Space.Encode,
            c => LengthAdaptive.Space.Decode(c), LengthAdaptive.Space.Contains, LengthAdaptive.Space.Validate, x => x.ToJson(), LengthAdaptive.Parse,
            x => x.Parameters(), x => x.Flops(128), () => LengthAdaptive.Space.Largest, () => LengthAdaptive.Space.Smallest,
            LengthAdaptive.Space.Enumerate, () => LengthAdaptive.Space.Presets, LengthAdaptive.Space.ReferencePresets),
    ];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Every_generated_member_works(SpaceApi space)
    {
        var random = new Random(13);
        var samples = Enumerable.Range(0, 200).Select(_ => space.Sample(random)).ToList();
        foreach (var x in samples)
        {
            space.Contains(x).Should().BeTrue();
            space.Validate(x).Should().BeEmpty();
            space.Decode(space.Encode(x)).Should().Be(x);
            space.Parse(space.ToJson(x)).Should().Be(x);
            space.Contains(space.Mutate(x, random)).Should().BeTrue();
            space.Contains(space.Crossover(x, samples[0], random)).Should().BeTrue();
            space.Flops(x).Should().BePositive();
        }
        samples.Distinct().Count().Should().BeGreaterThan(1, "samples vary");

        var largest = space.Largest();
        var smallest = space.Smallest();
        space.Contains(largest).Should().BeTrue();
        space.Contains(smallest).Should().BeTrue();
        // Flops are counted at 128 tokens, the length at which every seed space ranks its extremes.
        (long Flops, long Parameters) Cost(object x) => (space.Flops(x), space.Parameters(x));
        foreach (var x in samples)
        {
            Cost(x).CompareTo(Cost(largest)).Should().BeLessThanOrEqualTo(0, $"{x} has no more compute than the largest, {largest}");
            Cost(x).CompareTo(Cost(smallest)).Should().BeGreaterThanOrEqualTo(0, $"{x} has no less compute than the smallest, {smallest}");
        }
        space.Flops(largest).Should().BeGreaterThan(space.Flops(smallest));
        space.Enumerate().Take(100).Should().OnlyContain(x => space.Contains(x)).And.OnlyHaveUniqueItems();

        foreach (var (name, preset) in space.Presets())
            space.Contains(preset).Should().Be(!space.ReferencePresets.Contains(name), $"preset {name}");
    }

    [Fact]
    public void Every_seed_space_ranks_its_extremes_at_128_tokens()
    {
        new[] { Bort.Space.Engine, NasBert.Space.Engine, FastTransformer.Space.Engine, LengthAdaptive.Space.Engine }
            .Select(e => e.ExtremeSequenceLength).Should().Equal(128, 128, 128, 128);
    }
}
