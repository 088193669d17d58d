using DslNas.Torch.Native;

namespace DslNas.Torch;

public partial class Tensor
{
    public Tensor add(Tensor other, Scalar? alpha = null) => new(LibTorch.DNTensor_add(Handle, other.Handle, (alpha ?? 1).Native));
    public Tensor add(Scalar other) => new(LibTorch.DNTensor_add_scalar(Handle, other.Native));
    public Tensor sub(Tensor other, Scalar? alpha = null) => new(LibTorch.DNTensor_sub(Handle, other.Handle, (alpha ?? 1).Native));
    public Tensor sub(Scalar other) => new(LibTorch.DNTensor_sub_scalar(Handle, other.Native));
    public Tensor mul(Tensor other) => new(LibTorch.DNTensor_mul(Handle, other.Handle));
    public Tensor mul(Scalar other) => new(LibTorch.DNTensor_mul_scalar(Handle, other.Native));
    public Tensor div(Tensor other) => new(LibTorch.DNTensor_div(Handle, other.Handle));
    public Tensor div(Scalar other) => new(LibTorch.DNTensor_div_scalar(Handle, other.Native));
    public Tensor pow(Tensor exponent) => new(LibTorch.DNTensor_pow(Handle, exponent.Handle));
    public Tensor pow(Scalar exponent) => new(LibTorch.DNTensor_pow_scalar(Handle, exponent.Native));
    public Tensor maximum(Tensor other) => new(LibTorch.DNTensor_maximum(Handle, other.Handle));
    public Tensor minimum(Tensor other) => new(LibTorch.DNTensor_minimum(Handle, other.Handle));

    public Tensor add_(Tensor other, Scalar? alpha = null)
    {
        LibTorch.Check(LibTorch.DNTensor_add_(Handle, other.Handle, (alpha ?? 1).Native));
        return this;
    }

    public Tensor mul_(Scalar factor)
    {
        LibTorch.Check(LibTorch.DNTensor_mul_scalar_(Handle, factor.Native));
        return this;
    }

    public Tensor eq(Tensor other) => new(LibTorch.DNTensor_eq(Handle, other.Handle));
    public Tensor eq(Scalar other) => new(LibTorch.DNTensor_eq_scalar(Handle, other.Native));
    public Tensor ne(Tensor other) => new(LibTorch.DNTensor_ne(Handle, other.Handle));
    public Tensor ne(Scalar other) => new(LibTorch.DNTensor_ne_scalar(Handle, other.Native));
    public Tensor lt(Tensor other) => new(LibTorch.DNTensor_lt(Handle, other.Handle));
    public Tensor lt(Scalar other) => new(LibTorch.DNTensor_lt_scalar(Handle, other.Native));
    public Tensor le(Tensor other) => new(LibTorch.DNTensor_le(Handle, other.Handle));
    public Tensor le(Scalar other) => new(LibTorch.DNTensor_le_scalar(Handle, other.Native));
    public Tensor gt(Tensor other) => new(LibTorch.DNTensor_gt(Handle, other.Handle));
    public Tensor gt(Scalar other) => new(LibTorch.DNTensor_gt_scalar(Handle, other.Native));
    public Tensor ge(Tensor other) => new(LibTorch.DNTensor_ge(Handle, other.Handle));
    public Tensor ge(Scalar other) => new(LibTorch.DNTensor_ge_scalar(Handle, other.Native));
    public Tensor logical_and(Tensor other) => new(LibTorch.DNTensor_logical_and(Handle, other.Handle));
    public Tensor logical_or(Tensor other) => new(LibTorch.DNTensor_logical_or(Handle, other.Handle));
    public Tensor logical_not() => new(LibTorch.DNTensor_logical_not(Handle));

    public Tensor neg() => new(LibTorch.DNTensor_neg(Handle));
    public Tensor abs() => new(LibTorch.DNTensor_abs(Handle));
    public Tensor exp() => new(LibTorch.DNTensor_exp(Handle));
    public Tensor log() => new(LibTorch.DNTensor_log(Handle));
    public Tensor sqrt() => new(LibTorch.DNTensor_sqrt(Handle));
    public Tensor rsqrt() => new(LibTorch.DNTensor_rsqrt(Handle));
    public Tensor tanh() => new(LibTorch.DNTensor_tanh(Handle));
    public Tensor sigmoid() => new(LibTorch.DNTensor_sigmoid(Handle));
    public Tensor relu() => new(LibTorch.DNTensor_relu(Handle));
    public Tensor ceil() => new(LibTorch.DNTensor_ceil(Handle));
    public Tensor floor() => new(LibTorch.DNTensor_floor(Handle));

    /// <summary>GELU, exact (erf) by default, or the tanh approximation.</summary>
    public Tensor gelu(bool tanh_approximation = false) => new(LibTorch.DNTensor_gelu(Handle, tanh_approximation ? 1 : 0));

    public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
        new(LibTorch.DNTensor_clamp(Handle, (min ?? 0).Native, min.HasValue ? 1 : 0, (max ?? 0).Native, max.HasValue ? 1 : 0));

    public Tensor matmul(Tensor other) => new(LibTorch.DNTensor_matmul(Handle, other.Handle));
    public Tensor bmm(Tensor other) => new(LibTorch.DNTensor_bmm(Handle, other.Handle));

    public Tensor softmax(long dim) => new(LibTorch.DNNN_softmax(Handle, dim));
    public Tensor log_softmax(long dim) => new(LibTorch.DNNN_log_softmax(Handle, dim));

    public Tensor sum() => new(LibTorch.DNTensor_sum(Handle));
    public Tensor sum(long[] dims, bool keepdim = false) => new(LibTorch.DNTensor_sum_dims(Handle, dims, dims.Length, keepdim ? 1 : 0));
    public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);
    public Tensor mean() => new(LibTorch.DNTensor_mean(Handle));
    public Tensor mean(long[] dims, bool keepdim = false) => new(LibTorch.DNTensor_mean_dims(Handle, dims, dims.Length, keepdim ? 1 : 0));
    public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);
    public Tensor max() => new(LibTorch.DNTensor_max(Handle));
    public Tensor min() => new(LibTorch.DNTensor_min(Handle));

    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        LibTorch.Check(LibTorch.DNTensor_max_dim(Handle, dim, keepdim ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    public Tensor argmax() => new(LibTorch.DNTensor_argmax(Handle, 0, 0, 0));
    public Tensor argmax(long dim, bool keepdim = false) => new(LibTorch.DNTensor_argmax(Handle, dim, 1, keepdim ? 1 : 0));
    public Tensor cumsum(long dim) => new(LibTorch.DNTensor_cumsum(Handle, dim));
    public Tensor all() => new(LibTorch.DNTensor_all(Handle));
    public Tensor any() => new(LibTorch.DNTensor_any(Handle));

    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        using var result = new Tensor(LibTorch.DNTensor_allclose(Handle, other.Handle, rtol, atol));
        return result.item<bool>();
    }
}
