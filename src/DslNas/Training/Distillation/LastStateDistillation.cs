using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Distillation;

/// <summary>
/// Task-agnostic distillation of a standalone model from a dense teacher on unlabelled texts: the student's last
/// hidden states, carried to the teacher's width by a learnable linear map, regress the teacher's (mean squared
/// error). Works for any student, whatever its widths, since only the last states meet.
/// </summary>
public static class LastStateDistillation
{
    /// <summary>Trains <paramref name="student"/> for <paramref name="steps"/> steps; returns the loss of each step.</summary>
    public static IReadOnlyList<double> Train(ExtractedSubnet student, TransformerEncoder teacher, IReadOnlyList<EncodedExample> texts, Batcher batcher,
        int steps, double learningRate, int seed, Action<int, double>? progress = null)
    {
        if (texts.Count == 0) throw new ArgumentException("there are no texts to distil on");
        using var map = new Linear(student.Plan.LastHidden, teacher.Config.Hidden);
        var trainable = student.parameters().Concat(map.parameters()).ToList();
        using var optimizer = new AdamW(trainable, learningRate);
        student.train();
        teacher.eval();
        var losses = new List<double>(steps);
        var plan = new List<int[]>();
        for (var step = 1; step <= steps; step++)
        {
            if (plan.Count == 0) plan = batcher.Plan(texts, seed, step);
            var indices = plan[0];
            plan.RemoveAt(0);
            using var scope = torch.NewDisposeScope();
            var batch = batcher.Make(texts, indices);
            Tensor target;
            using (torch.no_grad()) target = teacher.forward(batch.Ids, batch.KeepMask);
            optimizer.zero_grad();
            var loss = F.mse_loss(map.forward(student.forward(batch.Ids, batch.KeepMask)), target);
            loss.backward();
            GradientClipping.ClipGradNorm(trainable, 1.0);
            optimizer.step();
            losses.Add(loss.item<double>());
            progress?.Invoke(step, losses[^1]);
        }
        return losses;
    }
}
