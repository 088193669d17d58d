using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

public sealed class MatmulPrecisionTests
{
    public MatmulPrecisionTests() => torch.manual_seed(5);

    private static float[] Values(Func<Tensor> product, MatmulPrecision precision)
    {
        using var _ = torch.matmul_precision(precision);
        using var scope = torch.NewDisposeScope();
        var result = product();
        result.dtype.Should().Be(ScalarType.Float32, "a bfloat16 product still returns float32");
        return result.ToArray<float>();
    }

    private static void AgreesInBFloat16(Func<Tensor> product)
    {
        var exact = Values(product, MatmulPrecision.Float32);
        var low = Values(product, MatmulPrecision.BFloat16);
        var scale = exact.Max(Math.Abs);
        var errors = exact.Zip(low, (e, l) => Math.Abs(e - l) / scale).ToArray();
        errors.Max().Should().BeLessThan(0.03f, "bfloat16 keeps 8 significant bits");
        errors.Max().Should().BeGreaterThan(0f, "the products were computed in bfloat16, not float32");
    }

    [Fact]
    public void Linear_matmul_and_bmm_compute_in_bfloat16_and_return_float32()
    {
        using var scope = torch.NewDisposeScope();
        var (x, w, b) = (torch.randn([4, 6, 32]), torch.randn([16, 32]), torch.randn([16]));
        var (p, q) = (torch.randn([3, 8, 32]), torch.randn([3, 32, 5]));
        AgreesInBFloat16(() => F.linear(x, w, b));
        AgreesInBFloat16(() => F.linear(x, w));
        AgreesInBFloat16(() => x.matmul(w.transpose(0, 1)));
        AgreesInBFloat16(() => p.bmm(q));
    }

    [Fact]
    public void Float64_products_stay_exact_under_bfloat16()
    {
        using var scope = torch.NewDisposeScope();
        var (x, w) = (torch.randn([5, 7], ScalarType.Float64), torch.randn([3, 7], ScalarType.Float64));
        using var exactScope = torch.NewDisposeScope();
        var exact = F.linear(x, w).ToArray<double>();
        using (torch.matmul_precision(MatmulPrecision.BFloat16))
            F.linear(x, w).ToArray<double>().Should().Equal(exact);
    }

    [Fact]
    public void Gradients_of_float32_weights_are_float32_and_close_to_exact()
    {
        float[] Gradient(MatmulPrecision precision)
        {
            torch.manual_seed(9);
            using var scope = torch.NewDisposeScope();
            var x = torch.randn([8, 16]);
            var w = torch.randn([4, 16]).requires_grad_();
            using (torch.matmul_precision(precision)) F.linear(x, w).tanh().sum().backward();
            w.grad!.dtype.Should().Be(ScalarType.Float32);
            return w.grad.ToArray<float>();
        }
        var exact = Gradient(MatmulPrecision.Float32);
        var low = Gradient(MatmulPrecision.BFloat16);
        var scale = exact.Max(Math.Abs);
        exact.Zip(low, (e, l) => Math.Abs(e - l) / scale).Max().Should().BeInRange(1e-7f, 0.05f);
    }

    [Fact]
    public void Scopes_nest_and_restore_the_thread_s_precision()
    {
        torch.get_matmul_precision().Should().Be(MatmulPrecision.Float32);
        using (torch.matmul_precision(MatmulPrecision.BFloat16))
        {
            torch.get_matmul_precision().Should().Be(MatmulPrecision.BFloat16);
            using (torch.matmul_precision(MatmulPrecision.Float32)) torch.get_matmul_precision().Should().Be(MatmulPrecision.Float32);
            torch.get_matmul_precision().Should().Be(MatmulPrecision.BFloat16);
            var other = MatmulPrecision.BFloat16;
            var thread = new Thread(() => other = torch.get_matmul_precision());
            thread.Start();
            thread.Join();
            other.Should().Be(MatmulPrecision.Float32, "the precision belongs to the thread that set it");
        }
        torch.get_matmul_precision().Should().Be(MatmulPrecision.Float32);
    }

    [Theory]
    [InlineData("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512bw\n", "avx512_bf16")]
    [InlineData("flags\t\t: fpu avx2 amx_bf16 avx512_bf16\n", "amx_bf16")]
    [InlineData("flags\t\t: fpu sse avx2 fma\n", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Native_bfloat16_is_read_from_the_cpu_flags(string? cpuinfo, string? expected) =>
        BFloat16Support.FromCpuInfo(cpuinfo).Should().Be(expected);
}
