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
        using var distillation = new CandidateDistillation(context);
        var chosen = grid.Candidates[selection.Fptas.Chosen];
        var largest = grid.MaximumPoint;
        var (largestModel, reference) = Train(context, distillation, "largest", largest, null);
        using (reference)
        {
            var (chosenModel, chosenClassifier) = Train(context, distillation, "chosen", chosen, reference);
            using (chosenClassifier)
            {
                var (chosenLatency, largestLatency) = Latencies(context, chosenClassifier, reference);
                var final = new BortFinal(chosenModel with { LatencyMs = chosenLatency }, largestModel with { LatencyMs = largestLatency });
                final.Save(BortFiles.Final(context));
                context.Events.Table(FinalTable(final));
                context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"chosen {chosen.Name}: {final.SizeFraction:P1} of the largest's effective size, {final.SpeedUp:F2}x faster measured ({chosenLatency:F2} ms against {largestLatency:F2} ms); " +
                    $"test accuracy plain {final.Chosen.PlainAccuracy:P2}, Agora {final.Chosen.AgoraAccuracy:P2} (largest: {final.Largest.PlainAccuracy:P2}, {final.Largest.AgoraAccuracy:P2})"));
            }
        }
    }

    /// <summary>
    /// Latency of both plainly fine-tuned models, measured in two alternating rounds of which the second counts: the
    /// first measurement in a process also pays for starting libtorch's thread pool, and alternating keeps load that
    /// changes over time from favouring either model.
    /// </summary>
    private static (double Chosen, double Largest) Latencies(RunContext context, SequenceClassifier chosen, SequenceClassifier largest)
    {
        var meter = context.LatencyMeter;
        chosen.eval();
        largest.eval();
        (double, double) Round() => (meter.Measure(chosen), meter.Measure(largest));
        Round();
        return Round();
    }

    /// <summary>Distils, fine-tunes plainly and with Agora (S: the reference, or the plain model itself without one) and scores on test; returns the plain classifier.</summary>
    private static (BortFinalModel Model, SequenceClassifier Plain) Train(RunContext context, CandidateDistillation distillation, string role, BortCandidate candidate, SequenceClassifier? reference)
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
            context.Log(string.Create(CultureInfo.InvariantCulture,
                $"{role} {candidate.Name}: held-out MLM loss {loss:F4}; test accuracy plain {plainAccuracy:P2}, Agora {agoraAccuracy:P2}"));
            return (new BortFinalModel(role, candidate.Name, loss, plainAccuracy, agoraAccuracy, agora.Theta, agora.Rounds, candidate.Parameters, LatencyMs: 0), plain);
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
