using System.Globalization;
using DslNas.Export;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Methods.Bort;

/// <summary>
/// The finalize stage: the FPTAS's pick and the grid's largest architecture, each pre-trained by distillation for
/// --final-steps, then fine-tuned on the task plainly and with Agora (the reference model S is the largest architecture
/// fine-tuned plainly); test accuracy of each, effective size, and CPU latency measured on this machine. The chosen
/// architecture's distilled encoder is written to model/ in the BERT layout.
/// </summary>
internal static class BortFinalStage
{
    public static void Run(RunContext context)
    {
        var grid = BortGrid.Load(BortFiles.Grid(context));
        var selection = BortSelection.Load(BortFiles.Selection(context));
        var distillation = new CandidateDistillation(context);
        var chosen = grid.Candidates[selection.Fptas.Chosen];
        var largest = grid.MaximumPoint;
        var (largestModel, reference) = Train(context, distillation, "largest", largest, null);
        BortFinalModel chosenModel;
        using (reference)
            (chosenModel, _) = Train(context, distillation, "chosen", chosen, reference);
        var final = new BortFinal(chosenModel, largestModel);
        final.Save(BortFiles.Final(context));
        context.Events.Table(FinalTable(final));
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"chosen {chosen.Name}: {final.SizeFraction:P1} of the largest's effective size, {final.SpeedUp:F2}x faster measured; " +
            $"test accuracy plain {chosenModel.PlainAccuracy:P2}, Agora {chosenModel.AgoraAccuracy:P2} (largest: {largestModel.PlainAccuracy:P2}, {largestModel.AgoraAccuracy:P2})"));
    }

    /// <summary>Distils, fine-tunes plainly and with Agora, scores; returns the plain classifier too when no reference was given (it becomes S).</summary>
    private static (BortFinalModel Model, SequenceClassifier? Reference) Train(RunContext context, CandidateDistillation distillation, string role, BortCandidate candidate, SequenceClassifier? reference)
    {
        var options = context.Options;
        var data = context.Data;
        var steps = options.Bort.FinalSteps;
        var (pretrained, loss) = context.Timed($"{role} {candidate.Name}: distillation", () =>
            context.Events.Progress($"{role} {candidate.Name}: distillation", report => distillation.Train(candidate, steps, step => report(step, steps, null))));
        using (pretrained)
        {
            if (role == "chosen") BertCheckpoint.Save(context.Search.Model, pretrained.encoder, data.Vocabulary);
            var config = candidate.Config(data.Vocabulary.Count, options.Data.MaxLength);
            var tuning = new ClassifierFineTuning(context, config, pretrained.encoder.state_dict());
            var plain = context.Timed($"{role}: plain fine-tuning", () => tuning.Plain(data.Train));
            var plainAccuracy = tuning.Accuracy(plain, data.Test);
            var agora = context.Timed($"{role}: Agora fine-tuning", () => tuning.Agora(reference ?? plain,
                round => context.Log($"{role}: Agora round {round.Round}: {string.Join(", ", round.Ranking.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Theta} error {r.Error:P1}")))}; " +
                                     $"{round.Misclassified} misclassified, {round.Added} generated examples added" + (round.Dropped is null ? "" : $", dropped {round.Dropped}"))));
            double agoraAccuracy;
            using (agora.Model) agoraAccuracy = tuning.Accuracy(agora.Model, data.Test);
            plain.eval();
            var latency = context.LatencyMeter.Measure(plain);
            var model = new BortFinalModel(role, candidate.Name, loss, plainAccuracy, agoraAccuracy, agora.Theta, agora.Rounds, candidate.Parameters, latency);
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"{role} {candidate.Name}: held-out MLM loss {loss:F4}; test accuracy plain {plainAccuracy:P2}, Agora {agoraAccuracy:P2}; latency {latency:F2} ms"));
            if (reference is null) return (model, plain);
            plain.Dispose();
            return (model, null);
        }
    }

    public static ResultTable FinalTable(BortFinal final) => new(
        "result (test split; latency measured on this machine)",
        ["model", "architecture", "held-out MLM loss", "test accuracy (plain)", "test accuracy (Agora)", "effective parameters", "size vs largest", "latency (ms)", "speed-up"],
        new[] { final.Chosen, final.Largest }.Select(m => (IReadOnlyList<string>)[m.Role, m.Architecture, m.HeldOutLoss.ToString("F4", CultureInfo.InvariantCulture),
            m.PlainAccuracy.ToString("P2", CultureInfo.InvariantCulture), m.AgoraAccuracy.ToString("P2", CultureInfo.InvariantCulture),
            m.EffectiveParameters.ToString("N0", CultureInfo.InvariantCulture), (m.EffectiveParameters / (double)final.Largest.EffectiveParameters).ToString("P1", CultureInfo.InvariantCulture),
            m.LatencyMs.ToString("F2", CultureInfo.InvariantCulture), (final.Largest.LatencyMs / m.LatencyMs).ToString("F2", CultureInfo.InvariantCulture) + "x"]).ToList());
}
