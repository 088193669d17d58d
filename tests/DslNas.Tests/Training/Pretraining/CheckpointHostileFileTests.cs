using System.Buffers.Binary;
using System.Text.Json.Nodes;
using DslNas.Torch;
using DslNas.Torch.Serialization;
using DslNas.Training.Pretraining;

namespace DslNas.Tests.Training.Pretraining;

/// <summary>
/// Hostile training checkpoints: truncated, any byte flipped, tensors missing, misshapen, of another dtype or extra,
/// metadata altered. Each is refused naming the file and the fault before anything is restored, and the file is left as
/// it was, so the good checkpoint next to it still loads.
/// </summary>
[Collection(nameof(ProcessGlobalCollection))]
public sealed class CheckpointHostileFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-hostile-checkpoint").FullName;
    private static readonly List<int[]> Sequences = TinyCorpus.Sequences(40, 7);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static MlmPretrainingOptions Options => new(Steps: 2, LearningRate: 3e-3, BatchSize: 4, Seed: 6, CheckpointEvery: 2);

    private (MlmPretrainer Trainer, string Path, byte[] Good) Trained(MlmModel model)
    {
        var path = Path.Combine(directory, "mlm.safetensors");
        var trainer = new MlmPretrainer(model, TinyCorpus.Vocabulary, Sequences, Options);
        trainer.Train(checkpointPath: path);
        return (trainer, path, File.ReadAllBytes(path));
    }

    private static void ShouldBeRefused(MlmPretrainer trainer, string path, byte[] content, string fault)
    {
        File.WriteAllBytes(path, content);
        var weights = trainer.Model.parameters().Select(p => p.ToArray<float>()).ToList();
        trainer.Invoking(t => MlmCheckpoint.Load(t, path)).Should().Throw<InvalidDataException>().WithMessage($"{path}*{fault}*");
        trainer.Model.parameters().Select(p => p.ToArray<float>()).Should().BeEquivalentTo(weights, o => o.WithStrictOrdering(), "nothing is restored from a refused file");
        File.ReadAllBytes(path).Should().Equal(content, "loading never writes");
    }

    /// <summary>The header's JSON, decoded: two headers that differ only in how they escape a character mean the same.</summary>
    private static JsonNode? Header(byte[] content) => JsonNode.Parse(content.AsSpan(8, (int)BinaryPrimitives.ReadUInt64LittleEndian(content)));

    private static byte[] Rewritten(byte[] good, Action<Dictionary<string, Tensor>, Dictionary<string, string>> edit)
    {
        using var scope = torch.NewDisposeScope();
        using var file = SafeTensors.Read(good);
        var tensors = file.Tensors.ToDictionary(t => t.Key, t => t.Value);
        var metadata = file.Metadata.ToDictionary(m => m.Key, m => m.Value);
        edit(tensors, metadata);
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    [Fact]
    public void Truncated_or_flipped_anywhere_the_checkpoint_is_refused_and_the_good_one_still_loads()
    {
        using var model = TinyCorpus.Model(2);
        var (trainer, path, good) = Trained(model);
        using (trainer)
        {
            var random = new Random(17);
            var headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(good);
            foreach (var length in Enumerable.Range(0, 12).Select(_ => random.Next(good.Length)))
                ShouldBeRefused(trainer, path, good[..length], "");

            // One random bit of a sample of the header (names, shapes, offsets, metadata) and of the data. A flip is refused,
            // unless it only changes how the header escapes a character ("\u002B" and "\u002b" are the same '+').
            var accepted = new List<string>();
            foreach (var position in Enumerable.Range(0, 160).Select(_ => random.Next(headerEnd)).Concat(Enumerable.Range(0, 24).Select(_ => random.Next(headerEnd, good.Length))))
            {
                var flipped = (byte[])good.Clone();
                flipped[position] ^= (byte)(1 << random.Next(8));
                File.WriteAllBytes(path, flipped);
                try
                {
                    MlmCheckpoint.Load(trainer, path);
                    if (position >= headerEnd || !JsonNode.DeepEquals(Header(flipped), Header(good))) accepted.Add($"byte {position}: {good[position]:X2} -> {flipped[position]:X2}");
                }
                catch (InvalidDataException e)
                {
                    e.Message.Should().StartWith(path);
                }
            }
            accepted.Should().BeEmpty("a flip that changes what the file says is refused");
            File.WriteAllBytes(path, good);
            MlmCheckpoint.Load(trainer, path);
            trainer.Step.Should().Be(2);
        }
    }

    [Fact]
    public void Tensors_missing_misshapen_of_another_dtype_or_extra_and_altered_metadata_are_named()
    {
        using var model = TinyCorpus.Model(2);
        var (trainer, path, good) = Trained(model);
        using (trainer)
        {
            var name = model.named_parameters().First().Key;
            ShouldBeRefused(trainer, path, Rewritten(good, (t, _) => t.Remove("model." + name)), $"the tensor 'model.{name}' is missing");
            ShouldBeRefused(trainer, path, Rewritten(good, (t, _) => t["adam.m.00000"] = torch.zeros([3])), "the tensor 'adam.m.00000' has shape [3], not [");
            ShouldBeRefused(trainer, path, Rewritten(good, (t, _) => t["model." + name] = torch.zeros(t["model." + name].shape, ScalarType.Float64)),
                $"the tensor 'model.{name}' holds Float64, not float32");
            ShouldBeRefused(trainer, path, Rewritten(good, (t, _) => t["model.extra"] = torch.zeros([2])), "the tensor 'model.extra' belongs to no part");
            ShouldBeRefused(trainer, path, Rewritten(good, (_, m) => m["step"] = "1"), "the checksum does not match the tensors and metadata");
            ShouldBeRefused(trainer, path, Rewritten(good, (_, m) => m["torch_rng"] = "AAAA"), "the checksum does not match the tensors and metadata");
            ShouldBeRefused(trainer, path, Rewritten(good, (_, m) => m.Remove("epoch")), "the checksum does not match the tensors and metadata");
        }
    }
}
