using DslNas.Torch;

namespace DslNas.Torch.Tests;

public static class TensorAssertions
{
    /// <summary>Same shape, same dtype, and values equal within <paramref name="tolerance"/> (exactly for integers and booleans).</summary>
    public static void ShouldMatch(this Tensor actual, Tensor expected, double tolerance = 1e-5, string because = "")
    {
        actual.shape.Should().Equal(expected.shape, "the shapes must agree {0}", because);
        actual.dtype.Should().Be(expected.dtype, because);
        switch (expected.dtype)
        {
            case ScalarType.Float32:
                Compare(actual.ToArray<float>().Select(v => (double)v).ToArray(), expected.ToArray<float>().Select(v => (double)v).ToArray(), tolerance, because);
                break;
            case ScalarType.Float64:
                Compare(actual.ToArray<double>(), expected.ToArray<double>(), tolerance, because);
                break;
            case ScalarType.Int64:
                actual.ToArray<long>().Should().Equal(expected.ToArray<long>(), because);
                break;
            case ScalarType.Bool:
                actual.ToArray<bool>().Should().Equal(expected.ToArray<bool>(), because);
                break;
            default:
                throw new NotSupportedException(expected.dtype.ToString());
        }
    }

    private static void Compare(double[] actual, double[] expected, double tolerance, string because)
    {
        for (var i = 0; i < expected.Length; i++)
            actual[i].Should().BeApproximately(expected[i], tolerance * Math.Max(1, Math.Abs(expected[i])), "element {0} differs {1}", i, because);
    }
}
