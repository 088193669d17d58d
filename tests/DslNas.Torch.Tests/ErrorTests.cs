using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

public sealed class ErrorTests
{
    [Fact]
    public void A_libtorch_error_is_a_TorchException_naming_both_shapes_and_the_process_lives_on()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones([2, 3]);
        var b = torch.ones([4, 5]);
        a.Invoking(x => x.matmul(b)).Should().Throw<TorchException>().WithMessage("*2x3*4x5*");
        a.matmul(torch.ones([3, 2])).shape.Should().Equal(2, 2);
    }

    [Fact]
    public void Errors_in_views_losses_and_status_calls_are_reported()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(6);
        t.Invoking(x => x.view(4, 2)).Should().Throw<TorchException>().WithMessage("*shape*[4, 2]*6*");
        FluentActions.Invoking(() => F.cross_entropy(torch.zeros([2, 3]), torch.tensor(new long[] { 0, 7 })))
            .Should().Throw<TorchException>().WithMessage("*7*out of bounds*");
        t.Invoking(x => x.backward()).Should().Throw<TorchException>().WithMessage("*does not require grad*");
    }

    [Fact]
    public void Many_errors_in_a_row_leave_no_stale_message()
    {
        using var scope = torch.NewDisposeScope();
        for (var i = 0; i < 1000; i++)
        {
            var size = 3 + i % 5;
            var act = () => torch.ones([2, size]).matmul(torch.ones([2, 2]));
            act.Should().Throw<TorchException>().WithMessage($"*2x{size}*");
        }
    }

    [Fact]
    public void A_disposed_tensor_cannot_be_used()
    {
        var t = torch.ones([2]);
        t.Dispose();
        t.IsDisposed.Should().BeTrue();
        t.Invoking(x => x.add(1)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => F.linear(torch.ones([1, 2]).DetachFromDisposeScope(), torch.ones([2, 2]).DetachFromDisposeScope(), t))
            .Should().Throw<ObjectDisposedException>();
    }
}
