namespace DslNas.Torch.Nn;

/// <summary>Weight initializations, applied in place outside autograd.</summary>
public static class Init
{
    public static void Normal(Tensor tensor, double std, double mean = 0)
    {
        using (torch.no_grad()) tensor.normal_(mean, std);
    }

    public static void Uniform(Tensor tensor, double bound)
    {
        using (torch.no_grad()) tensor.uniform_(-bound, bound);
    }

    public static void Constant(Tensor tensor, Scalar value)
    {
        using (torch.no_grad()) tensor.fill_(value);
    }
}
