using DslNas.Training.Pretraining;

namespace DslNas.Tests.Training.Pretraining;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class MlmCheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-mlm").FullName;
    private static readonly List<int[]> Sequences = TinyCorpus.Sequences(40, 7);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static MlmPretrainingOptions Options(int steps, int checkpointEvery = 0) =>
        new(Steps: steps, LearningRate: 3e-3, BatchSize: 4, Seed: 6, CheckpointEvery: checkpointEvery);

    private static float[][] Weights(MlmModel model) => model.parameters().Select(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void Resuming_mid_way_ends_bit_for_bit_where_training_straight_through_ends()
    {
        var straightLosses = new List<double>();
        using var straight = TinyCorpus.Model(1);
        using (var trainer = new MlmPretrainer(straight, TinyCorpus.Vocabulary, Sequences, Options(12)))
            trainer.Train(progress: (_, loss) => straightLosses.Add(loss));

        var path = Path.Combine(directory, "mlm.safetensors");
        var resumedLosses = new List<double>();
        (int, int, int) saved;
        using (var first = TinyCorpus.Model(1))
        using (var trainer = new MlmPretrainer(first, TinyCorpus.Vocabulary, Sequences, Options(12, checkpointEvery: 100)))
        {
            trainer.Train(untilStep: 7, progress: (_, loss) => resumedLosses.Add(loss), checkpointPath: path);
            saved = (trainer.Step, trainer.Epoch, trainer.Position);
            trainer.Epoch.Should().BeGreaterThan(0, "the run is resumed after an epoch boundary, whose new masks and order must carry over");
        }
        using var resumed = TinyCorpus.Model(seed: 99);
        using (var trainer = new MlmPretrainer(resumed, TinyCorpus.Vocabulary, Sequences, Options(12, checkpointEvery: 100)))
        {
            MlmCheckpoint.Load(trainer, path);
            (trainer.Step, trainer.Epoch, trainer.Position).Should().Be(saved);
            trainer.Train(progress: (_, loss) => resumedLosses.Add(loss));
        }
        resumedLosses.Should().Equal(straightLosses);
        var expected = Weights(straight);
        var actual = Weights(resumed);
        for (var i = 0; i < expected.Length; i++) actual[i].Should().Equal(expected[i], $"parameter {i}");
    }

    [Fact]
    public void Corrupt_or_mismatched_checkpoints_are_refused_and_a_failed_write_keeps_the_last_good_one()
    {
        var path = Path.Combine(directory, "mlm.safetensors");
        using var model = TinyCorpus.Model(2);
        using var trainer = new MlmPretrainer(model, TinyCorpus.Vocabulary, Sequences, Options(4, checkpointEvery: 2));
        trainer.Train(checkpointPath: path);
        var good = File.ReadAllBytes(path);

        var corrupt = (byte[])good.Clone();
        corrupt[^100] ^= 0xFF;
        File.WriteAllBytes(path, corrupt);
        trainer.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*checksum*corrupt*");
        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        trainer.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*mlm.safetensors*truncated*");
        File.WriteAllBytes(path, good);

        using (var other = new MlmPretrainer(model, TinyCorpus.Vocabulary, Sequences, Options(8)))
            other.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*other options*");
        using (var otherData = new MlmPretrainer(model, TinyCorpus.Vocabulary, TinyCorpus.Sequences(40, 8), Options(4, checkpointEvery: 2)))
            otherData.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*other data*");
        using (var wider = TinyCorpus.Model(2, hidden: 48))
        using (var foreign = new MlmPretrainer(wider, TinyCorpus.Vocabulary, Sequences, Options(4, checkpointEvery: 2)))
            foreign.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage("*another MLM model*");

        Directory.CreateDirectory(path + ".tmp");
        trainer.Invoking(t => MlmCheckpoint.Save(t, path)).Should().Throw<IOException>().WithMessage("*could not be written*previous file is unchanged*");
        File.ReadAllBytes(path).Should().Equal(good, "the last good checkpoint survives a failed write");
        MlmCheckpoint.Load(trainer, path);
        trainer.Step.Should().Be(4);
    }
}
