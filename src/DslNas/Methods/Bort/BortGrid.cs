using DslNas.Artifacts;
using DslNas.Engine;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Search.Ose;

namespace DslNas.Methods.Bort;

/// <summary>
/// grid.json: the candidates with p and i, the maximum point T (the candidate of most operations, then parameters,
/// then heads), the inference cost i is measured in, the hidden-size divisor, and the AB^nC conditions found.
/// </summary>
public sealed record BortGrid(string Space, CostObjective Cost, int HiddenDivisor, int SequenceLength, IReadOnlyList<BortCandidate> Candidates, int Maximum,
    IReadOnlyList<AbncCondition> Abnc)
{
    public const int MaxExhaustive = 320;

    public BortCandidate MaximumPoint => Candidates[Maximum];

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static BortGrid Load(string path) => JsonArtifact.Load<BortGrid>(path, "Bort grid", "the grid stage has not run");

    /// <summary>The roles Bort searches: one value each for the whole encoder.</summary>
    private static readonly Role[] Roles = [Role.Layers, Role.Heads, Role.Hidden, Role.FfnSize];

    /// <summary>Null when the space has the four dimensions Bort searches, each one value for the whole encoder; else what it lacks.</summary>
    public static string? Rejects(SearchSpaceDescriptor space)
    {
        if (SpaceRequirements.Missing(space, Roles) is { } missing) return missing + " (bort searches depth [Layers], heads [Heads], hidden size [Hidden] and FFN width [FfnSize])";
        var perLayer = space.Engine.Dimensions.Where(d => Roles.Contains(d.Role) && d.PerLayer).Select(d => $"'{d.Name}'").ToList();
        if (perLayer.Count > 0) return $"bort searches one value of each dimension for the whole encoder, but {string.Join(", ", perLayer)} choose per layer";
        var others = space.Engine.Dimensions.Where(d => d.Role is Role.Op or Role.HeadSize or Role.SeqLength).Select(d => $"'{d.Name}' [{d.Role}]").ToList();
        return others.Count > 0 ? $"bort's grid is depth, heads, hidden size and FFN width alone; the space also has {string.Join(", ", others)}" : null;
    }

    /// <summary>
    /// Every architecture of the space with its hidden size divided by <paramref name="divisor"/>, and p and FLOPs from
    /// the space's own cost functions. A divisor that would drop candidates (a hidden size it does not divide, or heads
    /// that no longer divide the smaller hidden size) is refused: it would change the grid's shape.
    /// </summary>
    public static IReadOnlyList<BortCandidate> Enumerate(SpaceEngine engine, int divisor, int sequenceLength)
    {
        int Dimension(Role role) => engine.Dimensions.ToList().FindIndex(d => d.Role == role);
        var (layers, heads, hidden, ffn) = (Dimension(Role.Layers), Dimension(Role.Heads), Dimension(Role.Hidden), Dimension(Role.FfnSize));
        var candidates = new List<BortCandidate>();
        var dropped = new List<string>();
        foreach (var genes in engine.Enumerate())
        {
            var values = engine.ToValues(genes);
            var (d, a, h, i) = ((int)values[layers][0], (int)values[heads][0], (int)values[hidden][0], (int)values[ffn][0]);
            if (h % divisor != 0 || h / divisor % a != 0)
            {
                dropped.Add($"H = {h} / {divisor} with A = {a}");
                continue;
            }
            values[hidden] = values[hidden].Select(_ => (double)(h / divisor)).ToArray();
            var flops = engine.Flops(values, sequenceLength);
            candidates.Add(new BortCandidate(candidates.Count, d, a, h / divisor, i, engine.Parameters(values), flops, flops));
        }
        if (dropped.Count > 0)
            throw new RunInputException($"--hidden-divisor {divisor} changes the grid's shape: {dropped.Count} of {dropped.Count + candidates.Count} architectures would be lost " +
                                        $"(e.g. {dropped[0]}: the divided hidden size must stay whole and divisible by the heads); choose a divisor that keeps every one");
        return candidates;
    }

    /// <summary>The maximum point T: most FLOPs, then parameters, then heads.</summary>
    public static int MaximumOf(IReadOnlyList<BortCandidate> candidates) =>
        candidates.OrderByDescending(c => c.Flops).ThenByDescending(c => c.Parameters).ThenByDescending(c => c.Heads).ThenBy(c => c.Index).First().Index;
}
