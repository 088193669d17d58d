using DslNas.Torch;

namespace DslNas.Torch.Tests;

/// <summary>Compares autograd's gradients with central finite differences.</summary>
public static class GradCheck
{
    /// <summary>
    /// Checks d loss / d input for each input, where loss = sum(f(inputs) * w) with a fixed random w so that
    /// every output element contributes. Checks at most <paramref name="maxElements"/> entries per input.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double tolerance = 1e-6, int maxElements = 64, int seed = 0)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(seed);
        Tensor? weights = null;
        Tensor Loss()
        {
            var output = f(inputs);
            weights ??= torch.randn(output.shape, output.dtype);
            return output.mul(weights).sum();
        }

        foreach (var input in inputs) input.clear_grad();
        Loss().backward();
        var random = new Random(seed);
        for (var k = 0; k < inputs.Length; k++)
        {
            var input = inputs[k];
            if (!input.requires_grad) continue;
            var analytic = ToDoubles(input.grad ?? throw new InvalidOperationException($"input {k} received no gradient"));
            var values = ToDoubles(input);
            var indices = Enumerable.Range(0, values.Length).OrderBy(_ => random.Next()).Take(maxElements);
            foreach (var index in indices)
            {
                var original = values[index];
                values[index] = original + eps;
                Write(input, values);
                double plus;
                using (torch.no_grad()) plus = Loss().item<double>();
                values[index] = original - eps;
                Write(input, values);
                double minus;
                using (torch.no_grad()) minus = Loss().item<double>();
                values[index] = original;
                Write(input, values);
                var numeric = (plus - minus) / (2 * eps);
                analytic[index].Should().BeApproximately(numeric, tolerance * Math.Max(1, Math.Abs(numeric)),
                    "d loss / d input{0}[{1}]: autograd says {2}, finite differences {3}", k, index, analytic[index], numeric);
            }
        }
    }

    private static double[] ToDoubles(Tensor t) => t.dtype == ScalarType.Float64
        ? t.ToArray<double>()
        : t.ToArray<float>().Select(v => (double)v).ToArray();

    private static void Write(Tensor t, double[] values)
    {
        if (t.dtype == ScalarType.Float64) t.CopyFrom<double>(values);
        else t.CopyFrom<float>(values.Select(v => (float)v).ToArray());
    }
}
