using System.Buffers.Binary;
using System.Text;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Torch.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-safetensors").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_file_written_by_python_reads_back_with_every_dtype()
    {
        using var file = SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "python-written.safetensors"));
        file.Metadata.Should().ContainKey("format").WhoseValue.Should().Be("pt");
        file.Tensors["weight"].shape.Should().Equal(2, 3);
        file.Tensors["weight"].ToArray<float>().Should().Equal(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f);
        file.Tensors["ids"].ToArray<long>().Should().Equal(7, -2, 1L << 40);
        file.Tensors["flags"].ToArray<bool>().Should().Equal(true, false, true);
        file.Tensors["scale"].shape.Should().BeEmpty();
        file.Tensors["scale"].item<double>().Should().Be(2.5);
    }

    [Fact]
    public void Saved_tensors_load_back_equal_with_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(directory, "model.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["a.weight"] = torch.randn([3, 4]),
            ["b"] = torch.arange(5),
            ["c"] = torch.ones([2], ScalarType.Float64),
            ["mask"] = torch.tensor(new[] { true, false }),
        };
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["space"] = "bort" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        (headerLength % 8).Should().Be(0, "the header is padded to 8 bytes");
        using var file = SafeTensors.Load(path);
        file.Metadata["space"].Should().Be("bort");
        foreach (var (name, tensor) in tensors) file.Tensors[name].ShouldMatch(tensor, 0);
    }

    [Fact]
    public void A_truncated_file_is_refused_with_the_reason()
    {
        var path = Path.Combine(directory, "cut.safetensors");
        using (var scope = torch.NewDisposeScope())
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = torch.ones([100]) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        FluentActions.Invoking(() => SafeTensors.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*cut.safetensors*'w'*truncated*");
        File.WriteAllBytes(path, bytes[..4]);
        FluentActions.Invoking(() => SafeTensors.Load(path)).Should().Throw<InvalidDataException>().WithMessage("*truncated*8-byte*");
        File.WriteAllBytes(path, bytes[..20]);
        FluentActions.Invoking(() => SafeTensors.Load(path)).Should().Throw<InvalidDataException>().WithMessage("*header claims*");
    }

    [Theory]
    [InlineData("{\"w\": {\"dtype\": \"F16\", \"shape\": [1], \"data_offsets\": [0, 2]}}", "*'w'*dtype 'F16'*")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", "*'w'*[3] Float32 needs 12 bytes*span 8*")]
    [InlineData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2]}}", "*'w'*dtype, shape and data_offsets*")]
    [InlineData("{not json", "*not valid JSON*")]
    [InlineData("[1, 2]", "*JSON object*")]
    public void A_malformed_header_is_refused_naming_the_problem(string header, string message)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var content = new byte[8 + json.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(content, (ulong)json.Length);
        json.CopyTo(content, 8);
        FluentActions.Invoking(() => SafeTensors.Read(content, "bad.safetensors")).Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        FluentActions.Invoking(() => SafeTensors.Load(Path.Combine(directory, "absent.safetensors")))
            .Should().Throw<InvalidDataException>().WithMessage("*absent.safetensors*cannot read*");
    }
}
