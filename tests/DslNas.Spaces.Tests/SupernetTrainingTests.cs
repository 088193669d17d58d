using DslNas.Data.Batching;
using DslNas.Nn;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Spaces.Tests;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class SupernetTrainingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-supernet").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static List<EncodedExample> Task(int count, int seed) => TokenSevenTask.Make(count, seed);

    private static TinyLengths.Supernet NewSupernet(int seed = 1)
    {
        torch.manual_seed(seed);
        return new TinyLengths.Supernet(new SupernetOptions(20, 16, Classes: 2, Dropout: 0.1));
    }

    private static SupernetTrainingOptions Options(int steps, int checkpointEvery = 0) =>
        new(Steps: steps, LearningRate: 3e-3, RandomSubnets: 2, LengthDrop: 0.2, LayerDrop: 0.2, GradientAccumulation: 2, Seed: 9, CheckpointEvery: checkpointEvery);

    [Fact]
    public void The_sandwich_has_largest_smallest_and_random_subnets_with_length_drop()
    {
        var sampler = new SandwichSampler(TinyLengths.Space.Engine, randomSubnets: 3, lengthDrop: 0.2);
        var random = new Random(1);
        var plans = sampler.Step(15, random);
        plans.Should().HaveCount(5);
        plans[0].Layers.Should().OnlyContain(l => l.Keep == long.MaxValue, "the largest keeps every token");
        plans[0].Layers.Should().HaveCount(3);
        plans[1].Layers.Select(l => l.Keep).Should().Equal(new long[] { 12, 10 }, "ceil(0.8 x 15) = 12, then ceil(0.8 x 12) = 10");
        for (var i = 0; i < 1000; i++)
        {
            var lengths = sampler.RandomLengths(15, 3, random);
            long previous = 15;
            foreach (var keep in lengths)
            {
                keep.Should().BeInRange((long)Math.Ceiling(0.8 * previous), previous);
                previous = keep;
            }
        }
        Enumerable.Range(0, 2000).Select(_ => sampler.RandomLengths(15, 1, random)[0]).Distinct().Should().BeEquivalentTo(new long[] { 12, 13, 14, 15 });
    }

    [Fact]
    public void Training_teaches_every_subnet_and_the_health_check_reports_them()
    {
        using var net = NewSupernet();
        var examples = Task(400, 1);
        using var trainer = new SupernetTrainer(net, examples, new Batcher(16, 0), Options(120));
        var losses = new List<double>();
        trainer.Train(progress: (_, loss) => losses.Add(loss));
        losses.Should().HaveCount(120);
        losses.TakeLast(20).Average().Should().BeLessThan(losses.Take(20).Average() / 2);

        var validation = Task(200, 2);
        var health = SupernetHealth.Check(net, validation, new Batcher(32, 0), randomSubnets: 4);
        health.Subnets.Select(s => s.Name).Should().StartWith(["largest", "smallest"]);
        health.Subnets.Should().HaveCount(6).And.OnlyContain(s => s.Accuracy > 0.8, "in-place distillation teaches the subnets too");
        var engine = TinyLengths.Space.Engine;
        var largest = engine.Extreme(largest: true);
        health.Subnets[0].Parameters.Should().Be(engine.Parameters(largest));
        health.Subnets[0].Accuracy.Should().Be(SubnetScoring.Score(net, engine.Plan(largest), validation, new Batcher(32, 0)).Accuracy);
        // Spearman itself is checked against hand-computed ranks below; here, that it relates each subnet's size to its accuracy.
        health.SizeAccuracyCorrelation.Should().Be(SupernetHealth.Spearman(
            health.Subnets.Select(s => (double)s.Parameters).ToArray(), health.Subnets.Select(s => s.Accuracy).ToArray()));
        var report = Path.Combine(directory, "health.json");
        health.Save(report);
        File.ReadAllText(report).Should().Contain("SizeAccuracyCorrelation");
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_the_same_weights_as_training_straight_through()
    {
        var examples = Task(120, 3);
        float[][] Weights(Supernet net) => net.parameters().Select(p => p.ToArray<float>()).ToArray();

        using var straight = NewSupernet();
        using (var trainer = new SupernetTrainer(straight, examples, new Batcher(16, 0), Options(10)))
            trainer.Train();

        var path = Path.Combine(directory, "checkpoint.safetensors");
        using (var first = NewSupernet())
        using (var trainer = new SupernetTrainer(first, examples, new Batcher(16, 0), Options(10)))
        {
            trainer.Train(untilStep: 5);
            SupernetCheckpoint.Save(trainer, path);
        }
        using var resumed = NewSupernet(seed: 99);
        using (var trainer = new SupernetTrainer(resumed, examples, new Batcher(16, 0), Options(10)))
        {
            SupernetCheckpoint.Load(trainer, path);
            trainer.Step.Should().Be(5);
            trainer.Train();
        }
        var expected = Weights(straight);
        var actual = Weights(resumed);
        for (var i = 0; i < expected.Length; i++) actual[i].Should().Equal(expected[i], $"parameter {i}");
    }

    [Fact]
    public void Corrupt_or_mismatched_checkpoints_are_refused_and_a_failed_write_keeps_the_last_good_one()
    {
        var examples = Task(60, 4);
        var path = Path.Combine(directory, "checkpoint.safetensors");
        using var net = NewSupernet();
        using var trainer = new SupernetTrainer(net, examples, new Batcher(16, 0), Options(4, checkpointEvery: 2));
        trainer.Train(checkpointPath: path);
        var good = File.ReadAllBytes(path);

        var corrupt = (byte[])good.Clone();
        corrupt[^100] ^= 0xFF;
        File.WriteAllBytes(path, corrupt);
        trainer.Invoking(t => SupernetCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*checksum*corrupt*");
        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        trainer.Invoking(t => SupernetCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*checkpoint.safetensors*truncated*");
        File.WriteAllBytes(path, good);

        using (var other = new SupernetTrainer(net, examples, new Batcher(16, 0), Options(8)))
            other.Invoking(t => SupernetCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*other options*");
        using (var bort = new Bort.Supernet(new SupernetOptions(20, 16)))
        using (var foreign = new SupernetTrainer(bort, examples, new Batcher(16, 0), Options(4)))
            foreign.Invoking(t => SupernetCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*another supernet*");

        Directory.CreateDirectory(path + ".tmp");
        trainer.Invoking(t => SupernetCheckpoint.Save(t, path)).Should().Throw<IOException>().WithMessage("*could not be written*previous file is unchanged*");
        File.ReadAllBytes(path).Should().Equal(good, "the last good checkpoint survives a failed write");
        SupernetCheckpoint.Load(trainer, path);
        trainer.Step.Should().Be(4);
    }

    [Fact]
    public void Spearman_matches_hand_computed_ranks()
    {
        SupernetHealth.Spearman([1, 2, 3, 4], [10, 20, 30, 40]).Should().BeApproximately(1, 1e-12);
        SupernetHealth.Spearman([1, 2, 3, 4], [4, 3, 2, 1]).Should().BeApproximately(-1, 1e-12);
        SupernetHealth.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).Should().BeApproximately(0.8, 1e-12);
        SupernetHealth.Spearman([1, 1, 1], [1, 2, 3]).Should().Be(0);
        // Ties take their average rank: x ranks (1, 2.5, 2.5, 4), so rho = 4.5 / sqrt(4.5 x 5).
        SupernetHealth.Spearman([1, 2, 2, 3], [1, 2, 3, 4]).Should().BeApproximately(Math.Sqrt(0.9), 1e-12);
    }
}
