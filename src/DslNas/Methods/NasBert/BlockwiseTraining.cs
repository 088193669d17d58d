using System.Globalization;
using DslNas.Data.Batching;
using DslNas.Hardware;
using DslNas.Nn;
using DslNas.Randomness;
using DslNas.Runs;
using DslNas.Torch;
using DslNas.Torch.Optim;

namespace DslNas.Methods.NasBert;

/// <summary>
/// The train stage: candidate paths binned by parameters and by latency from the per-op lookup table (built and cached
/// for this machine when absent); block-wise distillation of the student supernet from the teacher (every step samples one alive
/// path per block; each block reads the teacher's previous state and regresses its next one), with progressive
/// shrinking: after a warm-up round, at the end of every round of --shrink-every steps each bin drops the worse half
/// of a draw, ranked by block-wise loss on held-out batches. Training stops when every bin holds --keep-per-bin paths
/// (or --steps is spent; shrinking then finishes on the trained weights). Checkpointed after every round; resumes.
/// </summary>
internal static class BlockwiseTraining
{
    public static void Run(RunContext context)
    {
        var options = context.Options;
        var settings = options.NasBert;
        var engine = context.Space.Engine;
        var files = new NasBertFiles(context);
        var net = NasBertSupernet.Create(context);
        var candidates = net.Candidates;
        ParameterBudgets.Resolve(settings.Budgets, engine.Parameters(engine.Extreme(largest: true)), engine.Parameters(engine.Extreme(largest: false)));

        ProgressiveShrinking shrinking;
        var round = 0;
        if (File.Exists(files.Checkpoint) && File.Exists(files.Shrinking))
        {
            var state = ShrinkingState.Load(files.Shrinking);
            round = net.Restore(files.Checkpoint);
            if (round != state.Round) throw new InvalidDataException($"{files.Shrinking} is of round {state.Round} but {files.Checkpoint} of round {round}; delete both to train again");
            shrinking = ProgressiveShrinking.Restore(state.Alive, settings.Bins, settings.KeepPerBin, settings.ShrinkSample);
            context.Log($"resumed NAS-BERT training after round {round}");
        }
        else
        {
            var table = new TableArchitectureLatency(LatencyTableCache.Get(context.Space, context.LatencyMeter, context.Events));
            var latencies = candidates.Blocks.Select(b => (IReadOnlyList<double>)b.Select(c => table.BlockMilliseconds(candidates.Plan(c))).ToList()).ToList();
            shrinking = new ProgressiveShrinking(candidates.Blocks.Select(b => (IReadOnlyList<long>)b.Select(c => c.Parameters).ToList()).ToList(), latencies,
                settings.Bins, settings.KeepPerBin, settings.ShrinkSample);
            var empty = Enumerable.Range(0, candidates.Blocks.Count).FirstOrDefault(b => shrinking.Alive(b).Count == 0, -1);
            if (empty >= 0)
                throw new RunInputException($"block {empty}: none of its {candidates.Blocks[empty].Count:N0} paths falls in the same bin by parameters as by latency; use fewer --bins");
            File.WriteAllText(files.Pruning, "block,bin,step,before,after\n");
            for (var b = 0; b < candidates.Blocks.Count; b++)
                context.Log($"block {b}: {candidates.Blocks[b].Count:N0} candidate paths, {shrinking.Alive(b).Count:N0} in {settings.Bins} bins by parameters and latency (lookup table) " +
                            $"({string.Join(", ", Enumerable.Range(1, settings.Bins).Select(bin => shrinking.Alive(b, bin).Count))})");
        }

        var batcher = new Batcher(options.Data.BatchSize, 0);
        using var dev = new DevBatches(net.Distillation, context.Data.Search, batcher, settings.DevBatches);
        var stream = new TrainingBatches(context.Data.Train, batcher, options.Seed);
        var parameters = net.Distillation.parameters().ToList();
        var maxSteps = options.Training.Steps;
        context.Timed("block-wise training with progressive shrinking", () => context.Events.Progress("NAS-BERT supernet", report =>
        {
            while (round == 0 || !shrinking.Done)
            {
                round++;
                var (first, last) = ((round - 1) * settings.ShrinkEvery + 1, Math.Min(round * settings.ShrinkEvery, maxSteps));
                net.Distillation.train();
                for (var step = first; step <= last; step++)
                {
                    using var scope = torch.NewDisposeScope();
                    var batch = stream.At(step);
                    var random = SplitMixRandom.FromKeys(options.Seed, step);
                    var path = candidates.Compose(Enumerable.Range(0, candidates.Blocks.Count).Select(b =>
                    {
                        var alive = shrinking.Alive(b);
                        return candidates.Blocks[b][alive[random.Next(alive.Count)]];
                    }).ToList());
                    net.Optimizer.zero_grad();
                    var loss = net.Distillation.Loss(batch.Ids, batch.KeepMask, engine.Plan(path));
                    loss.backward();
                    GradientClipping.ClipGradNorm(parameters, 1.0);
                    net.Optimizer.step();
                    report(step, maxSteps, string.Create(CultureInfo.InvariantCulture, $"block-wise MSE {loss.item<double>():F4}"));
                }
                if (first > last && first == maxSteps + 1) context.Log($"--steps {maxSteps} spent; shrinking continues on the trained weights");
                if (round > 1)
                {
                    var records = shrinking.Shrink(round * settings.ShrinkEvery, SplitMixRandom.FromKeys(options.Seed, round, -1),
                        (block, ids) => dev.BlockLosses(block, ids.Select(i => candidates.Plan(candidates.Blocks[block][i])).ToList()));
                    File.AppendAllLines(files.Pruning, records.Select(r => $"{r.Block},{r.Bin},{r.Step},{r.Before},{r.After}"));
                    context.Log($"round {round}: shrinking left {string.Join(", ", Enumerable.Range(0, shrinking.BlockCount).Select(b => $"block {b}: {shrinking.Alive(b).Count}"))} paths");
                }
                net.Save(files.Checkpoint, round);
                new ShrinkingState(round, shrinking.State).Save(files.Shrinking);
            }
            return 0;
        }));

        var survivors = Enumerable.Range(0, shrinking.BlockCount).Select(block =>
        {
            var ids = Enumerable.Range(1, settings.Bins).SelectMany(bin => shrinking.Alive(block, bin).Select(id => (Id: id, Bin: bin))).ToList();
            var losses = dev.BlockLosses(block, ids.Select(p => candidates.Plan(candidates.Blocks[block][p.Id])).ToList());
            return (IReadOnlyList<Survivor>)ids.Select((p, i) =>
            {
                var candidate = candidates.Blocks[block][p.Id];
                return new Survivor(block, p.Id, p.Bin, candidate.Parameters, losses[i], candidates.Describe(candidate));
            }).ToList();
        }).ToList();
        Survivors.Save(files.Survivors, files.SurvivorsCsv, survivors);
        context.Log($"survivors: {string.Join(", ", survivors.Select((s, b) => $"block {b}: {s.Count}"))} paths after {round} rounds");
    }
}
