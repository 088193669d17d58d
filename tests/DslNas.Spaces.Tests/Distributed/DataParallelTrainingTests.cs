using System.Diagnostics;
using DslNas.Data.Batching;
using DslNas.Distributed;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Spaces.Tests.Distributed;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class DataParallelTrainingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-data-parallel").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static List<EncodedExample> Task(int count, int seed) => TokenSevenTask.Make(count, seed);

    // No dropout: the shards of a global batch would otherwise draw other masks than the batch drawn whole.
    private static TinyLengths.Supernet NewSupernet(int seed)
    {
        torch.manual_seed(seed);
        return new TinyLengths.Supernet(new SupernetOptions(20, 16, Classes: 2, Dropout: 0));
    }

    private static SupernetTrainingOptions Options(int steps, int checkpointEvery = 0) =>
        new(Steps: steps, LearningRate: 3e-3, RandomSubnets: 2, LengthDrop: 0.2, LayerDrop: 0.2, GradientAccumulation: 2, Seed: 9, CheckpointEvery: checkpointEvery);

    private static float[] Flat(Supernet net) => net.parameters().SelectMany(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void All_ranks_hold_the_same_weights_after_every_step_and_two_ranks_match_one_on_the_same_global_batch()
    {
        var examples = Task(90, 5);
        // 7 examples per global batch: shards of 3 and 4, weighted so that their mean gradient is the batch's.
        var batcher = new Batcher(7, 0);
        using var single = NewSupernet(1);
        var singleLosses = new List<double>();
        using (var trainer = new SupernetTrainer(single, examples, batcher, Options(6)))
            trainer.Train(progress: (_, loss) => singleLosses.Add(loss));

        // Rank 1 starts from other weights: the broadcast from rank 0 at the start makes them equal.
        var nets = new[] { NewSupernet(1), NewSupernet(2) };
        Flat(nets[1]).Should().NotEqual(Flat(nets[0]));
        var ranks = Ranks.Run(2, world =>
        {
            var parallel = new DataParallel(world, bucketBytes: 4096);
            using var trainer = new SupernetTrainer(nets[world.Rank], examples, batcher, Options(6), parallel);
            var snapshots = new List<float[]>();
            var losses = new List<double>();
            trainer.Train(progress: (_, loss) =>
            {
                snapshots.Add(Flat(nets[world.Rank]));
                losses.Add(loss);
            });
            return (Snapshots: snapshots, Losses: losses, parallel.Collectives);
        });
        ranks[0].Snapshots.Should().HaveCount(6);
        for (var step = 0; step < 6; step++)
            ranks[1].Snapshots[step].Should().Equal(ranks[0].Snapshots[step], $"after step {step + 1} both ranks hold the same weights");
        ranks[0].Collectives.Should().BeGreaterThan(6, "small buckets: several all-reduces per step");

        var expected = Flat(single);
        var actual = ranks[0].Snapshots[^1];
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        worst.Should().BeLessThan(2e-5f, "two shards with averaged gradients take the step the whole global batch takes");
        ranks[0].Losses.Should().Equal(singleLosses, (a, b) => Math.Abs(a - b) < 1e-5, "the reported loss is the global batch's");
        foreach (var net in nets) net.Dispose();
    }

    [Fact]
    public void Two_ranks_resumed_from_rank_0s_checkpoint_end_with_the_weights_of_an_uninterrupted_run()
    {
        var examples = Task(60, 7);
        var path = Path.Combine(directory, "resume.safetensors");
        float[][] Train(int? stopAt, bool resume)
        {
            // Made one after the other here: libtorch's one random stream would interleave between rank threads.
            var nets = new[] { NewSupernet(1), NewSupernet(1) };
            return Ranks.Run(2, world =>
            {
                using var net = nets[world.Rank];
                using var trainer = new SupernetTrainer(net, examples, new Batcher(8, 0), Options(6), new DataParallel(world));
                if (resume) SupernetCheckpoint.Load(trainer, path);
                trainer.Train(untilStep: stopAt);
                if (stopAt is not null && world.IsLeader) SupernetCheckpoint.Save(trainer, path);
                world.Barrier("saving");
                return Flat(net);
            });
        }

        var straight = Train(null, resume: false);
        Train(3, resume: false);
        var resumed = Train(null, resume: true);
        resumed[0].Should().Equal(straight[0]);
        resumed[1].Should().Equal(straight[0]);
    }

    [Fact]
    public void A_rank_that_dies_makes_the_other_stop_within_the_timeout_and_the_last_good_checkpoint_survives()
    {
        var examples = Task(90, 6);
        var path = Path.Combine(directory, "supernet.safetensors");
        var nets = new[] { NewSupernet(1), NewSupernet(1) };
        var timeout = TimeSpan.FromSeconds(5);
        var outcomes = Ranks.Run(2, world =>
        {
            using var trainer = new SupernetTrainer(nets[world.Rank], examples, new Batcher(8, 0), Options(8, checkpointEvery: 1), new DataParallel(world));
            if (world.Rank == 1)
            {
                trainer.Train(untilStep: 3, checkpointPath: path);
                return ((Exception?)null, TimeSpan.Zero);
            }
            var clock = new Stopwatch();
            try
            {
                trainer.Train(progress: (step, _) => { if (step == 3) clock.Start(); }, checkpointPath: path);
                return (null, clock.Elapsed);
            }
            catch (Exception e)
            {
                return (e, clock.Elapsed);
            }
        }, timeout);
        var (error, elapsed) = outcomes[0];
        error.Should().BeOfType<DistributedException>().Which.Message.Should().Match("rank 0 of 2 stopped while averaging gradients: another rank failed, died or did not answer within 5 s*");
        elapsed.Should().BeLessThan(timeout + TimeSpan.FromSeconds(5));

        using var resumed = NewSupernet(3);
        using var single = new SupernetTrainer(resumed, examples, new Batcher(8, 0), Options(8, checkpointEvery: 1));
        SupernetCheckpoint.Load(single, path);
        single.Step.Should().Be(3, "the checkpoint of the last step both ranks finished is intact");
        Flat(resumed).Should().Equal(Flat(nets[1]), "it holds the weights of that step");
        FluentActions.Invoking(() => SupernetCheckpoint.RequireRanks(path, 1)).Should().Throw<InvalidDataException>()
            .WithMessage("*trained by 2 rank(s); resume its training with as many (--nproc 2, or WORLD_SIZE=2), not 1");
        SupernetCheckpoint.RequireRanks(path, 2);
        foreach (var net in nets) net.Dispose();
    }
}
