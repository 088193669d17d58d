using DslNas.Engine;
using DslNas.Nn.Dense;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Nn;

/// <summary>
/// The forward pass of any subnet: embeddings, then each layer by its operation, with the hidden-size transfer
/// between layers of different width, length reduction after a layer's attention, and Drop-and-Restore so that the
/// output has every position (dropped tokens keep their last representation). Each sub-layer is a residual around its
/// operation with the layer norm after the sum (post-LN) or before the operation (pre-LN, plus a final layer norm).
/// </summary>
internal static class SubnetRunner
{
    /// <summary>Hidden states [batch, seq, last hidden] for ids [batch, seq]; keepMask [batch, seq] marks real tokens.</summary>
    public static Tensor Forward(ISubnetOps ops, Tensor ids, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        return Run(ops, ops.Embed(ids), keepMask, record: null, whole: true).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The hidden states [batch, 1, last hidden] of the first position ([CLS]) alone, equal to <see cref="Forward"/>'s
    /// first position: the layers after the last one that mixes positions (attention or a convolution) run on that
    /// position only, and so does that layer's feed-forward part. A plan that shortens the sequence runs whole.
    /// </summary>
    public static Tensor FirstPosition(ISubnetOps ops, Tensor ids, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        return Run(ops, ops.Embed(ids), keepMask, record: null, whole: true, firstOnly: true).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The hidden states after the embeddings and after every layer, and every attention layer's probabilities. The
    /// trace and every intermediate tensor belong to the caller's dispose scope (as they would to autograd's graph).
    /// </summary>
    public static EncoderTrace Trace(ISubnetOps ops, Tensor ids, Tensor? keepMask)
    {
        var states = new List<Tensor>();
        var attention = new List<Tensor?>();
        var x = ops.Embed(ids);
        states.Add(x);
        Run(ops, x, keepMask, (state, probabilities) =>
        {
            states.Add(state);
            attention.Add(probabilities);
        }, whole: true);
        return new EncoderTrace(states, attention);
    }

    /// <summary>The trace of a dense encoder, run layer for layer as its own forward pass runs.</summary>
    public static EncoderTrace Trace(TransformerEncoder encoder, Tensor ids, Tensor? keepMask) => Trace(new TransformerEncoderOps(encoder), ids, keepMask);

    /// <summary>
    /// The plan's layers over hidden states x [batch, seq, first hidden] (block-wise distillation feeds a block this
    /// way), without a pre-LN model's final layer norm, which belongs to the whole model.
    /// </summary>
    public static Tensor Layers(ISubnetOps ops, Tensor x, Tensor? keepMask) => Run(ops, x, keepMask, record: null, whole: false);

    /// <param name="record">
    /// Told every layer's output (all positions) and attention probabilities when tracing; then no scope of its own is
    /// opened, so that what it is told outlives the run.
    /// </param>
    /// <param name="whole">The plan is the whole model: a pre-LN model's final layer norm follows its last layer.</param>
    /// <param name="firstOnly">Only the first position of the output is wanted (see <see cref="FirstPosition"/>).</param>
    private static Tensor Run(ISubnetOps ops, Tensor x, Tensor? keepMask, Action<Tensor, Tensor?>? record, bool whole, bool firstOnly = false)
    {
        var pre = ops.LayerNorm == LayerNormPlacement.Pre;
        Tensor Residual(Tensor input, Func<Tensor, Tensor> operation, Func<Tensor, Tensor> norm) =>
            pre ? input.add(ops.Dropout(operation(norm(input)))) : norm(input.add(ops.Dropout(operation(input))));
        var plan = ops.Plan;
        using var scope = record is null ? torch.NewDisposeScope() : null;
        var tracing = record is not null;
        var batch = x.size(0);
        var length = x.size(1);
        var mask = keepMask ?? torch.ones([batch, length], ScalarType.Int64);
        var reduces = plan.Layers.Any(l => l.Keep < length);
        var buffer = reduces ? x : null;
        var positions = reduces ? torch.arange(length).unsqueeze(0).expand(batch, length).contiguous() : null;
        var lastMixing = firstOnly && !reduces && !tracing ? LastMixing(plan) : plan.Layers.Count;
        if (lastMixing < 0) x = First(x);
        for (var i = 0; i < plan.Layers.Count; i++)
        {
            var layer = plan.Layers[i];
            if (i > 0 && plan.Layers[i - 1].Hidden != layer.Hidden)
            {
                x = ops.Transfer(i, x);
                if (buffer is not null) buffer = ops.Transfer(i, buffer);
            }
            var additive = TransformerEncoder.AdditiveMask(mask);
            Tensor? attention = null;
            switch (layer.Op)
            {
                case LayerOp.FullLayer:
                {
                    var current = x.size(1);
                    var reduce = layer.Keep < current;
                    var input = pre ? ops.AttentionNorm(i, x) : x;
                    var (attended, probabilities) = ops.Attention(i, input, additive, keepProbabilities: reduce || tracing);
                    attention = probabilities;
                    var summed = x.add(ops.Dropout(attended));
                    var h = pre ? summed : ops.AttentionNorm(i, summed);
                    if (reduce)
                    {
                        var kept = LengthReduction.Select(probabilities!, mask, layer.Keep);
                        h = LengthReduction.Gather(h, kept);
                        mask = LengthReduction.Gather(mask, kept);
                        positions = LengthReduction.Gather(positions!, kept);
                    }
                    if (i == lastMixing) h = First(h);
                    var at = i;
                    x = Residual(h, v => ops.Ffn(at, v), v => ops.FfnNorm(at, v));
                    break;
                }
                case LayerOp.Attention:
                {
                    var input = pre ? ops.AttentionNorm(i, x) : x;
                    var (attended, probabilities) = ops.Attention(i, input, additive, keepProbabilities: tracing);
                    attention = probabilities;
                    var summed = x.add(ops.Dropout(attended));
                    x = pre ? summed : ops.AttentionNorm(i, summed);
                    break;
                }
                case LayerOp.Ffn:
                {
                    var at = i;
                    x = Residual(x, v => ops.Ffn(at, v), v => ops.FfnNorm(at, v));
                    break;
                }
                case LayerOp.SepConv3 or LayerOp.SepConv5 or LayerOp.SepConv7:
                {
                    var at = i;
                    var realTokens = mask.to_type(x.dtype).unsqueeze(-1);
                    x = Residual(x, v => ops.SepConv(at, v.mul(realTokens), layer.Op.KernelSize()), v => ops.SepConvNorm(at, v));
                    break;
                }
                case LayerOp.Identity:
                    break;
                default:
                    throw new InvalidOperationException($"layer {i} has the unknown operation {layer.Op}");
            }
            if (i == lastMixing) x = First(x);
            if (buffer is not null) buffer = LengthReduction.Restore(buffer, x, positions!);
            if (pre && whole && i == plan.Layers.Count - 1)
            {
                if (buffer is not null) buffer = ops.FinalNorm(buffer);
                else x = ops.FinalNorm(x);
            }
            record?.Invoke(buffer ?? x, attention);
        }
        var output = buffer ?? x;
        if (firstOnly) output = First(output);
        return scope is null ? output : output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The index of the plan's last layer whose output at one position may depend on others (any operation but the
    /// position-wise FFN and identity); -1 when none does.
    /// </summary>
    private static int LastMixing(SubnetPlan plan)
    {
        for (var i = plan.Layers.Count - 1; i >= 0; i--)
            if (plan.Layers[i].Op is not (LayerOp.Ffn or LayerOp.Identity)) return i;
        return -1;
    }

    /// <summary>The first position of x [batch, seq, hidden], as [batch, 1, hidden]; x itself when it has one.</summary>
    private static Tensor First(Tensor x) => x.size(1) == 1 ? x : x.narrow(1, 0, 1);
}
