using System.Buffers.Binary;
using System.Text;
using DslNas.Torch;
using DslNas.Torch.Serialization;

namespace DslNas.Torch.Tests;

/// <summary>
/// Hostile safetensors files: each is refused with an InvalidDataException that names the file and the fault, reads no
/// byte outside the file, allocates no tensor the file's bytes do not back, and leaves the file as it was.
/// </summary>
[Collection(nameof(LifetimeCollection))]
public sealed class SafeTensorsHostileFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-hostile-safetensors").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A float32 [2, 3] tensor "a" (24 bytes) then an int64 [2] tensor "b" (16 bytes), as this binding writes them.</summary>
    private static byte[] Good()
    {
        using var scope = torch.NewDisposeScope();
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, new Dictionary<string, Tensor> { ["a"] = torch.ones([2, 3]), ["b"] = torch.tensor(new long[] { 7, 8 }) },
            new Dictionary<string, string> { ["format"] = "pt" });
        return stream.ToArray();
    }

    private static byte[] File(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var content = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(content, (ulong)json.Length);
        json.CopyTo(content, 8);
        return content;
    }

    private string Write(byte[] content)
    {
        var path = Path.Combine(directory, $"hostile-{Guid.NewGuid():N}.safetensors");
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The live tensor count once earlier tests' unreachable tensors are finalized, so that only this test's own count.</summary>
    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }

    private void ShouldBeRefused(byte[] content, string fault)
    {
        var path = Write(content);
        var before = Settled();
        FluentActions.Invoking(() => SafeTensors.Load(path).Dispose()).Should().Throw<InvalidDataException>().WithMessage($"{path}*{fault}*");
        Settled().Should().Be(before, "a refused file leaves no tensor allocated");
        System.IO.File.ReadAllBytes(path).Should().Equal(content, "reading never writes");
    }

    [Fact]
    public void The_good_file_loads()
    {
        using var file = SafeTensors.Load(Write(Good()));
        file.Tensors["a"].ToArray<float>().Should().Equal(1, 1, 1, 1, 1, 1);
        file.Tensors["b"].ToArray<long>().Should().Equal(7, 8);
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var good = Good();
        for (var length = 0; length < good.Length; length++)
            ShouldBeRefused(good[..length], length < 8 ? "truncated" : "");
    }

    [Fact]
    public void Every_flipped_header_byte_is_refused_and_a_flipped_data_byte_changes_only_its_value()
    {
        var good = Good();
        var headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(good);
        for (var i = 0; i < headerEnd; i++)
        {
            var flipped = (byte[])good.Clone();
            flipped[i] ^= 0xFF;
            ShouldBeRefused(flipped, "");
        }
        // The format has no checksum of its own: the data bytes are the tensors' values (training checkpoints add a checksum).
        var data = (byte[])good.Clone();
        data[headerEnd] ^= 0xFF;
        using var file = SafeTensors.Load(Write(data));
        file.Tensors["a"].ToArray<float>()[0].Should().NotBe(1);
    }

    [Fact]
    public void A_header_length_larger_than_the_file_is_refused()
    {
        var content = Good();
        BinaryPrimitives.WriteUInt64LittleEndian(content, (ulong)content.Length);
        ShouldBeRefused(content, "the header claims*bytes but only*follow");
        BinaryPrimitives.WriteUInt64LittleEndian(content, ulong.MaxValue);
        ShouldBeRefused(content, "the header claims 18446744073709551615 bytes");
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", 8, "tensor 'a': data_offsets must be [begin, end] with 0 <= begin <= end, not [-8, 0]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, "tensor 'a': data_offsets must be [begin, end]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "tensor 'b' (bytes 4-12) overlaps tensor 'a'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "overlaps tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "data bytes 0-4 belong to no tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 16, "8 data bytes after the last tensor belong to no tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "tensor 'a': truncated: its data ends at byte 8 but the file holds 4 data bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}}""", 8, "tensor 'a': the shape [1099511627776, 1099511627776] is absurd: its size overflows 64 bits")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}""", 0, "is absurd")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1073741824],"data_offsets":[0,8]}}""", 8, "tensor 'a': [1073741824] Float32 needs 4294967296 bytes but data_offsets span 8")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "negative size")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}""", 8, "shape must be an array of integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":"2","data_offsets":[0,8]}}""", 8, "shape must be an array of integers")]
    [InlineData("""{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}""", 8, "tensor 'a': dtype 'Q4' is not supported")]
    [InlineData("""{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", 4, "dtype 'F16' is not supported")]
    [InlineData("""{"a":{"dtype":32,"shape":[2],"data_offsets":[0,8]}}""", 8, "tensor 'a': dtype must be a string")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", 8, "tensor 'a': expected an object with dtype, shape and data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16, "the header names 'a' twice")]
    [InlineData("""{"__metadata__":{"format":7},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "metadata 'format' must be a string, not Number")]
    [InlineData("""{"__metadata__":["pt"],"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "\"__metadata__\" must be an object of strings")]
    [InlineData("""[1, 2]""", 0, "the header must be a JSON object")]
    [InlineData("""{"a":""", 0, "the header is not valid JSON")]
    public void A_malformed_header_is_refused_with_its_fault(string header, int dataBytes, string fault) => ShouldBeRefused(File(header, dataBytes), fault);

    [Fact]
    public void A_tensor_larger_than_the_file_is_refused_before_anything_is_allocated()
    {
        // 16 GiB claimed by a 100-byte file: refused from the header, so the allocation is never attempted.
        ShouldBeRefused(File("""{"a":{"dtype":"F32","shape":[4294967296],"data_offsets":[0,17179869184]}}""", 8), "truncated: its data ends at byte 17179869184");
    }
}
