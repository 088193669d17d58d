using DslNas.Nn;
using DslNas.Nn.Elastic;
using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Distillation;

/// <summary>
/// Knowledge distillation from a teacher into any student, a dense model or a supernet's subnet (TinyBERT's losses):
/// <list type="bullet">
/// <item>logits: KL(teacher ‖ student) of the temperature-softened distributions, times T², per example or per real token;</item>
/// <item>hidden states: mean squared error between the teacher's states and the student's, carried to the teacher's
/// width by a learnable linear map where the widths differ (identity where they are equal);</item>
/// <item>attention: KL(teacher ‖ student) of each query's attention distribution, for layers whose head counts and
/// token counts match; other layers are skipped and listed.</item>
/// </list>
/// Student layer m of M (1-based; 0 = embeddings) reads teacher layer ⌊m·N/M⌋ of N, TinyBERT's uniform mapping: the
/// last layers pair up and a shallower student skips teacher layers evenly. Hidden states of all M + 1 pairs and the
/// attention of the compared layers are averaged, so the weights do not depend on depth. This module holds the map (one
/// shared by every layer, as TinyBERT's, allocated at the student's largest width and sliced to a narrower layer's);
/// the caller optimises its parameters with the student's. The teacher's outputs are detached.
/// </summary>
public sealed class KnowledgeDistillation : Module
{
    private const double ProbabilityFloor = 1e-12;

    public KnowledgeDistillation(DistillationOptions options, long teacherHidden, long studentMaxHidden)
    {
        options.Validate();
        if (teacherHidden < 1 || studentMaxHidden < 1)
            throw new ArgumentOutOfRangeException(nameof(teacherHidden), $"widths must be positive, got teacher {teacherHidden} and student {studentMaxHidden}");
        Options = options;
        TeacherHidden = teacherHidden;
        StudentMaxHidden = studentMaxHidden;
        hidden_map = register_module(nameof(hidden_map), new ElasticLinear(studentMaxHidden, teacherHidden));
    }

    public DistillationOptions Options { get; }
    public long TeacherHidden { get; }
    public long StudentMaxHidden { get; }

    /// <summary>Carries a student layer of width w (its first w inputs) to the teacher's width.</summary>
    internal ElasticLinear hidden_map { get; }

    /// <summary>
    /// The terms for one batch; <paramref name="keepMask"/> [batch, seq] (1 = token, 0 = padding) restricts token-level
    /// terms to real tokens. Compute the teacher's outputs without autograd.
    /// </summary>
    public DistillationLosses Loss(ModelOutputs teacher, ModelOutputs student, Tensor? keepMask = null)
    {
        using var scope = torch.NewDisposeScope();
        var realTokens = keepMask?.to_type(ScalarType.Float32);
        var logits = Options.LogitWeight > 0 ? LogitLoss(teacher.Logits, student.Logits, realTokens) : null;
        var hidden = Options.HiddenWeight > 0 ? HiddenLoss(teacher.Trace, student.Trace, realTokens) : null;
        var skipped = new List<SkippedLayer>();
        var attention = Options.AttentionWeight > 0 ? AttentionLoss(teacher.Trace, student.Trace, realTokens, skipped) : null;

        Tensor? total = null;
        foreach (var (term, weight) in new[] { (logits, Options.LogitWeight), (hidden, Options.HiddenWeight), (attention, Options.AttentionWeight) })
        {
            if (term is null) continue;
            var weighted = term.mul(weight);
            total = total is null ? weighted : total.add(weighted);
        }
        if (total is null)
            throw new InvalidOperationException(
                "nothing to distil: only the attention term has weight, and no layer could be compared (" +
                string.Join("; ", skipped.Select(s => $"student layer {s.StudentLayer}: {s.Reason}")) + ")");
        return new DistillationLosses(total.MoveToOuterDisposeScope(), logits?.MoveToOuterDisposeScope(), hidden?.MoveToOuterDisposeScope(),
            attention?.MoveToOuterDisposeScope(), skipped);
    }

    /// <summary>The teacher state (0 = embeddings, n = after layer n) that student state <paramref name="studentState"/> learns.</summary>
    public static int TeacherState(int studentState, int studentLayers, int teacherLayers) => studentState * teacherLayers / studentLayers;

    private Tensor LogitLoss(Tensor teacher, Tensor student, Tensor? realTokens)
    {
        if (!teacher.shape.SequenceEqual(student.shape))
            throw new ArgumentException($"the teacher's logits are [{string.Join(", ", teacher.shape)}] but the student's [{string.Join(", ", student.shape)}]; distil logits of the same task");
        var temperature = Options.Temperature;
        var target = teacher.detach().div(temperature).log_softmax(-1);
        var input = student.div(temperature).log_softmax(-1);
        var perPosition = F.kl_div(input, target, Reduction.None, log_target: true).sum(-1);
        var tokens = perPosition.ndim == 2 ? realTokens : null;
        return MeanOver(perPosition, tokens).mul(temperature * temperature);
    }

    private Tensor HiddenLoss(EncoderTrace teacher, EncoderTrace student, Tensor? realTokens)
    {
        Tensor? sum = null;
        for (var s = 0; s < student.HiddenStates.Count; s++)
        {
            var target = teacher.HiddenStates[TeacherState(s, student.Layers, teacher.Layers)].detach();
            if (target.size(-1) != TeacherHidden)
                throw new ArgumentException($"the teacher's hidden states are {target.size(-1)} wide, not the {TeacherHidden} this distillation was made for");
            var state = student.HiddenStates[s];
            var width = state.size(-1);
            if (width > StudentMaxHidden)
                throw new ArgumentException($"student state {s} is {width} wide but the hidden-state map takes at most {StudentMaxHidden}");
            var mapped = width == TeacherHidden ? state : hidden_map.forward(state, width, TeacherHidden);
            var perToken = mapped.sub(target).pow(2).mean(-1);
            var loss = MeanOver(perToken, realTokens);
            sum = sum is null ? loss : sum.add(loss);
        }
        return sum!.div(student.HiddenStates.Count);
    }

    private static Tensor? AttentionLoss(EncoderTrace teacher, EncoderTrace student, Tensor? realTokens, List<SkippedLayer> skipped)
    {
        Tensor? sum = null;
        var compared = 0;
        for (var layer = 0; layer < student.Layers; layer++)
        {
            var teacherLayer = TeacherState(layer + 1, student.Layers, teacher.Layers) - 1;
            var studentProbabilities = student.Attention[layer];
            var reason = studentProbabilities is null ? "the student layer has no attention"
                : teacherLayer < 0 ? "no teacher layer maps to it"
                : teacher.Attention[teacherLayer] is null ? $"teacher layer {teacherLayer} has no attention"
                : Mismatch(teacher.Attention[teacherLayer]!, studentProbabilities);
            if (reason is not null)
            {
                skipped.Add(new SkippedLayer(layer, teacherLayer < 0 ? null : teacherLayer, reason));
                continue;
            }
            var target = teacher.Attention[teacherLayer]!.detach();
            var perQuery = target.mul(target.clamp(ProbabilityFloor).log().sub(studentProbabilities!.clamp(ProbabilityFloor).log())).sum(-1).mean(1);
            var loss = MeanOver(perQuery, realTokens);
            sum = sum is null ? loss : sum.add(loss);
            compared++;
        }
        return sum?.div(compared);
    }

    /// <summary>Why two layers' attention probabilities [batch, heads, queries, keys] cannot be compared, or null.</summary>
    private static string? Mismatch(Tensor teacher, Tensor student) =>
        teacher.size(1) != student.size(1) ? $"the student has {student.size(1)} heads, the teacher {teacher.size(1)}"
        : teacher.size(2) != student.size(2) ? $"the student attends over {student.size(2)} tokens (length reduction), the teacher over {teacher.size(2)}"
        : null;

    /// <summary>The mean of per-example or per-token values, over real tokens only when a token mask is given.</summary>
    private static Tensor MeanOver(Tensor values, Tensor? realTokens) =>
        realTokens is null ? values.mean() : values.mul(realTokens).sum().div(realTokens.sum());
}
