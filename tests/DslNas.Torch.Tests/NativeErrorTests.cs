using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

/// <summary>
/// Failing libtorch calls of every kind (shapes, dtypes, indices, dimensions, allocation, autograd, random state): each
/// raises a TorchException naming the operation, leaks no native tensor, and the process goes on computing correctly.
/// </summary>
[Collection(nameof(LifetimeCollection))]
public sealed class NativeErrorTests
{
    private sealed record Failure(string Operation, Action Call, string Message);

    private static readonly Dictionary<string, Failure> Failures = new()
    {
        ["matrix shapes that do not chain"] = new("matmul", () => torch.ones([2, 3]).matmul(torch.ones([4, 5])), "*2x3*4x5*"),
        ["shapes that do not broadcast"] = new("add", () => torch.ones([2, 3]).add(torch.ones([4])), "*size of tensor a (3) must match the size of tensor b (4)*"),
        ["a view of the wrong element count"] = new("view", () => torch.arange(6).view(4, 2), "*[4, 2]*6*"),
        ["operands of different dtypes"] = new("matmul", () => torch.ones([2, 2]).matmul(torch.ones([2, 2], ScalarType.Int64)), "*scalar type Float but found Long*"),
        ["an index past the end"] = new("index_select", () => torch.arange(5).index_select(0, torch.tensor(new long[] { 7 })), "*out of range*"),
        ["an embedding id past the vocabulary"] = new("embedding", () => F.embedding(torch.tensor(new long[] { 10 }), torch.ones([5, 3])), "*out of range*"),
        ["a class label past the classes"] = new("cross_entropy", () => F.cross_entropy(torch.zeros([2, 3]), torch.tensor(new long[] { 0, 7 })), "*7*out of bounds*"),
        ["an allocation far beyond memory"] = new("zeros", () => torch.zeros([1L << 42]), "*allocat*"),
        ["a negative size"] = new("zeros", () => torch.zeros([2, -1]), "*negative*"),
        ["a dimension the tensor does not have"] = new("transpose", () => torch.ones([2, 3]).transpose(0, 5), "*out of range*"),
        ["tensors of unequal sizes concatenated"] = new("cat", () => torch.cat([torch.ones([2, 3]), torch.ones([2, 4])], 0), "*Sizes of tensors must match*"),
        ["a gather index of the wrong dtype"] = new("gather", () => torch.ones([2, 3]).gather(1, torch.tensor(new[] { 0, 1 }, [2, 1])), "*int64*"),
        ["a batched product of matrices"] = new("bmm", () => torch.ones([2, 3]).bmm(torch.ones([3, 2])), "*3D*"),
        ["a normalized shape that is not the input's"] = new("layer_norm", () => F.layer_norm(torch.ones([2, 3]), [4]), "*normalized_shape*"),
        ["a copy between unequal shapes"] = new("copy_", () => torch.ones([2, 3]).copy_(torch.ones([4])), "*must match*"),
        ["backward through no gradient"] = new("backward", () => torch.ones([2]).sum().backward(), "*does not require grad*"),
        ["a random state of the wrong size"] = new("set_rng_state", () => torch.set_rng_state(new byte[3]), "*"),
    };

    public static TheoryData<string> Cases() => [.. Failures.Keys];

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_failing_call_raises_a_TorchException_naming_the_operation_and_the_process_goes_on(string name)
    {
        var failure = Failures[name];
        var before = Settled();
        using (torch.NewDisposeScope())
        {
            var error = failure.Call.Should().Throw<TorchException>().Which;
            error.Operation.Should().Be(failure.Operation);
            error.Message.Should().StartWith(failure.Operation + ": ");
            error.NativeMessage.Should().Match(failure.Message);
        }
        Settled().Should().Be(before, "a failed call leaves no native tensor behind");

        using var scope = torch.NewDisposeScope();
        var product = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]).matmul(torch.tensor(new float[] { 5, 6, 7, 8 }, [2, 2]));
        product.ToArray<float>().Should().Equal(19, 22, 43, 50);
    }

    [Fact]
    public void A_dozen_kinds_of_failure_are_covered() => Failures.Should().HaveCountGreaterThanOrEqualTo(12);

    [Fact]
    public void Failures_on_another_thread_are_reported_there_and_leave_this_thread_clean()
    {
        var other = Task.Run(() =>
        {
            using var scope = torch.NewDisposeScope();
            return FluentActions.Invoking(() => torch.ones([2, 3]).matmul(torch.ones([4, 5]))).Should().Throw<TorchException>().Which.Operation;
        });
        other.Result.Should().Be("matmul");
        using var scope = torch.NewDisposeScope();
        torch.ones([2, 2]).add(torch.ones([2, 2])).sum().item<float>().Should().Be(8);
    }
}
