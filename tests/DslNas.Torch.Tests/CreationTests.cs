using DslNas.Torch;

namespace DslNas.Torch.Tests;

public sealed class CreationTests
{
    [Fact]
    public void Constant_creators_fill_the_shape()
    {
        using var scope = torch.NewDisposeScope();
        torch.zeros([2, 3]).ToArray<float>().Should().Equal(new float[6]);
        torch.ones([2], ScalarType.Float64).ToArray<double>().Should().Equal(1.0, 1.0);
        torch.full([3], 7L, ScalarType.Int64).ToArray<long>().Should().Equal(7, 7, 7);
        torch.full([2], true, ScalarType.Bool).ToArray<bool>().Should().Equal(true, true);
        torch.zeros([4, 5]).shape.Should().Equal(4, 5);
    }

    [Fact]
    public void Arange_counts_with_a_step_and_keeps_integers_integral()
    {
        using var scope = torch.NewDisposeScope();
        torch.arange(5).ToArray<long>().Should().Equal(0, 1, 2, 3, 4);
        torch.arange(1.0, 2.0, 0.25, ScalarType.Float32).ToArray<float>().Should().Equal(1f, 1.25f, 1.5f, 1.75f);
        (torch.arange(4) + 3).ToArray<long>().Should().Equal(3, 4, 5, 6);
    }

    [Fact]
    public void Tensors_round_trip_managed_arrays_of_each_dtype()
    {
        using var scope = torch.NewDisposeScope();
        torch.tensor(new[] { 1.5f, -2f, 3f, 4f }, [2, 2]).ToArray<float>().Should().Equal(1.5f, -2f, 3f, 4f);
        torch.tensor(new[] { 1e300, -1e-300 }).ToArray<double>().Should().Equal(1e300, -1e-300);
        torch.tensor(new[] { long.MaxValue, long.MinValue }).ToArray<long>().Should().Equal(long.MaxValue, long.MinValue);
        torch.tensor(new[] { true, false, true }).ToArray<bool>().Should().Equal(true, false, true);
        torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }).shape.Should().Equal(2, 3);
        torch.tensor((ReadOnlySpan<int>)[1, 2]).dtype.Should().Be(ScalarType.Int32);
    }

    [Fact]
    public void Indexing_selects_leading_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(24).reshape(2, 3, 4);
        t[1, 2].ToArray<long>().Should().Equal(20, 21, 22, 23);
        t[0].shape.Should().Equal(3, 4);
        t[1, 0, 3].item<long>().Should().Be(15);
    }

    [Fact]
    public void Item_reads_one_element_tensors()
    {
        using var scope = torch.NewDisposeScope();
        torch.tensor(new[] { 2.5f }).item<float>().Should().Be(2.5f);
        torch.scalar_tensor(42L).item<long>().Should().Be(42);
        torch.tensor(new[] { 3.0f, 4.0f }).sum().item<double>().Should().Be(7.0);
        torch.scalar_tensor(true).item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Wrong_element_types_and_counts_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var floats = torch.zeros([2]);
        floats.Invoking(t => t.ToArray<long>()).Should().Throw<InvalidOperationException>().WithMessage("*Float32*Int64*to_type*");
        FluentActions.Invoking(() => torch.tensor(new[] { 1f, 2f, 3f }, [2, 2])).Should().Throw<ArgumentException>().WithMessage("*3 values*[2, 2]*4 elements*");
    }

    [Fact]
    public void Random_creators_respect_their_ranges_and_the_seed()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var uniform = torch.rand([10000]).ToArray<float>();
        var normal = torch.randn([10000], ScalarType.Float64).ToArray<double>();
        var integers = torch.randint(3, 9, [10000]).ToArray<long>();
        uniform.Should().OnlyContain(v => v >= 0 && v < 1);
        uniform.Average().Should().BeApproximately(0.5f, 0.02f);
        normal.Average().Should().BeApproximately(0, 0.05);
        Math.Sqrt(normal.Select(v => v * v).Average()).Should().BeApproximately(1, 0.05);
        integers.Should().OnlyContain(v => v >= 3 && v < 9);
        integers.Distinct().Should().HaveCount(6);

        torch.manual_seed(7);
        torch.rand([10000]).ToArray<float>().Should().Equal(uniform);

        var state = torch.get_rng_state();
        var next = torch.randn([100]).ToArray<float>();
        torch.randn([100]);
        torch.set_rng_state(state);
        torch.randn([100]).ToArray<float>().Should().Equal(next, "a restored state replays the stream");
        FluentActions.Invoking(() => torch.set_rng_state(new byte[3])).Should().Throw<TorchException>();
    }

    [Fact]
    public void Conversions_and_in_place_fills_work()
    {
        using var scope = torch.NewDisposeScope();
        torch.tensor(new[] { 1.7f, -2.2f }).to_type(ScalarType.Int64).ToArray<long>().Should().Equal(1, -2);
        var t = torch.zeros([3]);
        t.fill_(2.5).ToArray<float>().Should().Equal(2.5f, 2.5f, 2.5f);
        t.CopyFrom<float>([1, 2, 3]);
        t.clone().ToArray<float>().Should().Equal(1, 2, 3);
        t.zero_().ToArray<float>().Should().Equal(0, 0, 0);
    }

    [Fact]
    public void The_runtime_uses_every_core_by_default()
    {
        var expected = int.TryParse(Environment.GetEnvironmentVariable("DSLNAS_THREADS"), out var configured) ? configured : Environment.ProcessorCount;
        torch.get_num_threads().Should().Be(expected);
    }

    [Fact]
    public void Creators_asked_for_gradients_make_leaves_that_record_them()
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] created =
        [
            torch.zeros([2, 3], requires_grad: true), torch.ones([2, 3], requires_grad: true),
            torch.full([2, 3], 0.5, requires_grad: true), torch.empty([2, 3], requires_grad: true),
            torch.arange(0, 6, dtype: ScalarType.Float32, requires_grad: true), torch.rand([2, 3], requires_grad: true),
            torch.randn([2, 3], requires_grad: true),
        ];
        foreach (var tensor in created)
        {
            tensor.requires_grad.Should().BeTrue();
            tensor.mul(2.0).sum().backward();
            tensor.grad!.ToArray<float>().Should().AllSatisfy(g => g.Should().Be(2f));
        }
        torch.zeros([2]).requires_grad.Should().BeFalse();
    }
}
