using DslNas.Torch;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Torch.Tests;

/// <summary>Every op against PyTorch's output on the same inputs (Fixtures/make_reference.py).</summary>
public sealed class ReferenceOpsTests
{
    private static readonly Dictionary<string, Func<Func<string, Tensor>, Tensor[]>> Ops = new()
    {
        ["add_broadcast"] = i => [i("a") + i("b")],
        ["sub"] = i => [i("a") - i("b")],
        ["mul"] = i => [i("a") * i("b")],
        ["div"] = i => [i("a") / i("b")],
        ["pow_scalar"] = i => [i("a").pow(2.5)],
        ["scalar_ops"] = i => [(2.0 - i("a")) * 3.0 + 1.5],
        ["neg"] = i => [-i("a")],
        ["exp"] = i => [i("a").exp()],
        ["log"] = i => [i("a").log()],
        ["sqrt"] = i => [i("a").sqrt()],
        ["rsqrt"] = i => [i("a").rsqrt()],
        ["abs"] = i => [i("a").abs()],
        ["tanh"] = i => [i("a").tanh()],
        ["sigmoid"] = i => [i("a").sigmoid()],
        ["relu"] = i => [i("a").relu()],
        ["gelu"] = i => [F.gelu(i("a"))],
        ["gelu_tanh"] = i => [F.gelu(i("a"), tanh_approximation: true)],
        ["clamp"] = i => [i("a").clamp(-0.5, 0.5)],
        ["maximum"] = i => [i("a").maximum(i("b"))],
        ["compare"] = i => [i("a").lt(i("b")), i("a").ge(0.0), i("a").eq(i("a")), i("a").ne(i("b"))],
        ["matmul"] = i => [i("a").matmul(i("b"))],
        ["matmul_broadcast"] = i => [i("a").matmul(i("b"))],
        ["bmm"] = i => [i("a").bmm(i("b"))],
        ["linear"] = i => [F.linear(i("x"), i("w"), i("b"))],
        ["conv1d"] = i => [F.conv1d(i("x"), i("w"), i("b"), padding: 1)],
        ["conv1d_depthwise"] = i => [F.conv1d(i("x"), i("w"), padding: 2, groups: 4)],
        ["embedding"] = i => [F.embedding(i("ids"), i("w"))],
        ["softmax"] = i => [F.softmax(i("a"), -1)],
        ["log_softmax"] = i => [F.log_softmax(i("a"), 0)],
        ["layer_norm"] = i => [F.layer_norm(i("x"), [6], i("w"), i("b"), 1e-5)],
        ["sum"] = i => [i("a").sum(), i("a").sum(1), i("a").sum([0, 2], keepdim: true)],
        ["mean"] = i => [i("a").mean(), i("a").mean(-1)],
        ["max"] = i =>
        {
            var (values, indices) = i("a").max(1);
            return [i("a").max(), values, indices, i("a").argmax(2), i("a").argmax()];
        },
        ["cumsum"] = i => [i("a").cumsum(1)],
        ["cross_entropy"] = i => [F.cross_entropy(i("x"), i("t"))],
        ["cross_entropy_ignore_smooth"] = i =>
        [
            F.cross_entropy(i("x"), i("t")),
            F.cross_entropy(i("x"), torch.tensor(new long[] { 1, 4, 0 }), label_smoothing: 0.1),
            F.cross_entropy(i("x"), torch.tensor(new long[] { 1, 4, 0 }), reduction: Reduction.None),
        ],
        ["kl_div"] = i => [F.kl_div(i("q"), i("p"), Reduction.BatchMean), F.kl_div(i("q"), i("p"), Reduction.Sum)],
        ["mse_loss"] = i => [F.mse_loss(i("a"), i("b")), F.mse_loss(i("a"), i("b"), Reduction.Sum)],
        ["views"] = i =>
        {
            var v = i("a");
            return
            [
                v.view(6, 4), v.reshape(4, -1), v.permute(2, 0, 1), v.transpose(0, 2).contiguous(),
                v.narrow(1, 0, 1).expand(2, 3, 4), v.unsqueeze(1), v.narrow(1, 0, 1).squeeze(1), v.narrow(2, 1, 2),
                v.slice(2, 0, 4, 2), v.select(1, 2), v.flatten(1),
            ];
        },
        ["indexing"] = i =>
        {
            var v = i("a");
            var g = i("g");
            return
            [
                v.index_select(1, i("i")), v.gather(1, g), v.scatter(1, g, -v.narrow(1, 0, 2)),
                v.masked_fill(v.gt(10), -1.0), torch.where(v.gt(5), v, -v),
            ];
        },
        ["joining"] = i => [torch.cat([i("a"), i("b")]), torch.cat([i("a"), i("b")], 1), torch.stack([i("a"), i("b")], 1)],
        ["ordering"] = i =>
        {
            var s = i("a");
            var (topValues, topIndices) = s.topk(2, 1);
            var (sortedValues, sortedIndices) = s.sort(1, descending: true);
            return [topValues, topIndices, sortedValues, sortedIndices, s.argsort(1)];
        },
    };

    public static TheoryData<string> OpCases() => new(Ops.Keys);

    [Theory]
    [MemberData(nameof(OpCases))]
    public void Op_matches_pytorch(string name)
    {
        using var scope = torch.NewDisposeScope();
        var actual = Ops[name](input => Reference.Input(name, input));
        var expected = Reference.Outputs(name);
        actual.Should().HaveSameCount(expected);
        for (var k = 0; k < expected.Count; k++) actual[k].ShouldMatch(expected[k], 1e-5, $"output {k} of {name}");
    }

    [Fact]
    public void Every_reference_case_is_checked()
    {
        var optimizerCases = new[] { "adamw", "sgd_momentum", "sgd_nesterov", "clip_grad_norm" };
        Reference.Names.Except(optimizerCases).Should().BeEquivalentTo(Ops.Keys);
    }
}
