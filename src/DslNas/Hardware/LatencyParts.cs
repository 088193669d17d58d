using DslNas.Engine;
using DslNas.Nn;

namespace DslNas.Hardware;

/// <summary>
/// How a forward pass splits into <see cref="LatencyPart"/>s, in the order <see cref="SubnetRunner"/> runs them, and
/// every part an architecture of a space can need. The classification head and the interpreter's overhead are no part:
/// a table's fitted constant holds them.
/// </summary>
public static class LatencyParts
{
    /// <summary>The parts of <paramref name="plan"/>'s forward pass over <paramref name="tokens"/> tokens; identity layers have none.</summary>
    public static IReadOnlyList<LatencyPart> Of(SubnetPlan plan, long tokens)
    {
        if (tokens < 1) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "a forward pass needs at least one token");
        var parts = new List<LatencyPart> { LatencyPart.Embedding(plan.FirstHidden, tokens) };
        for (var i = 0; i < plan.Layers.Count; i++)
        {
            var layer = plan.Layers[i];
            if (i > 0 && plan.Layers[i - 1].Hidden != layer.Hidden) parts.Add(LatencyPart.Transfer(plan.Layers[i - 1].Hidden, layer.Hidden, tokens));
            if (layer.Op == LayerOp.Identity) continue;
            var kept = layer.Op == LayerOp.FullLayer ? Math.Min(tokens, layer.Keep) : tokens;
            parts.Add(LatencyPart.Layer(layer, tokens, kept));
            tokens = kept;
        }
        return parts;
    }

    /// <summary>
    /// Every part an architecture of the space can need at <paramref name="tokens"/> tokens: each candidate operation at
    /// each candidate hidden size, heads, query/key size and FFN width, at every number of tokens a layer can receive
    /// and keep, the transfers between candidate hidden sizes, and the embeddings at each first hidden size.
    /// </summary>
    public static IReadOnlyList<LatencyPart> OfSpace(SpaceEngine engine, long tokens)
    {
        if (tokens < 1) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "a forward pass needs at least one token");
        IReadOnlyList<double>? Candidates(Role role) => engine.Dimensions.FirstOrDefault(d => d.Role == role)?.Values;
        var hiddens = (Candidates(Role.Hidden) ?? throw new ArgumentException("the space has no [Hidden] dimension")).Select(v => (long)v).Distinct().ToList();
        var ops = Candidates(Role.Op)?.Select(LayerOps.FromCandidate).Distinct().ToList() ?? [LayerOp.FullLayer];
        var keeps = Candidates(Role.SeqLength)?.Select(v => (long)v).Where(k => k < tokens).ToList() ?? [];
        var received = new[] { tokens }.Concat(keeps).Distinct().OrderDescending().ToList();
        var parts = new HashSet<LatencyPart>();
        foreach (var hidden in hiddens)
        {
            parts.Add(LatencyPart.Embedding(hidden, tokens));
            foreach (var to in hiddens.Where(h => h != hidden))
                foreach (var t in received) parts.Add(LatencyPart.Transfer(hidden, to, t));
            var heads = Candidates(Role.Heads)?.Select(v => (long)v).Distinct().ToList() ?? [1L];
            foreach (var op in ops.Where(o => o != LayerOp.Identity))
                foreach (var a in heads)
                    foreach (var d in Candidates(Role.HeadSize)?.Select(v => (long)v).Distinct().ToList() ?? [Math.Max(1, hidden / Math.Max(1, a))])
                        foreach (var f in Candidates(Role.FfnSize)?.Select(v => (long)v).Distinct().ToList() ?? [4 * hidden])
                            foreach (var t in received)
                            {
                                var shape = new LayerShape(op, hidden, a, d, f, long.MaxValue);
                                parts.Add(LatencyPart.Layer(shape, t, t));
                                if (op == LayerOp.FullLayer)
                                    foreach (var kept in keeps.Where(k => k < t)) parts.Add(LatencyPart.Layer(shape, t, kept));
                            }
        }
        return parts.OrderBy(p => p.Kind).ThenBy(p => p.Op).ThenBy(p => p.Hidden).ThenBy(p => p.HiddenIn).ThenBy(p => p.Heads).ThenBy(p => p.HeadSize)
            .ThenBy(p => p.Ffn).ThenByDescending(p => p.TokensIn).ThenByDescending(p => p.TokensOut).ToList();
    }
}
