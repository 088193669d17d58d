using DslNas.Engine;
using DslNas.Nn;
using DslNas.Nn.Dense;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Spaces.Tests;

/// <summary>Each seed space's supernet against its extracted subnets: same outputs, real parameter counts.</summary>
public sealed class SupernetTests
{
    private const int Vocabulary = 60;

    private static (Tensor Ids, Tensor Mask) Batch(int length, int seed)
    {
        torch.manual_seed(seed);
        var ids = torch.randint(5, Vocabulary, [2, length]).DetachFromDisposeScope();
        var keep = Enumerable.Range(0, 2 * length).Select(i => i >= length && i % length >= length - 3 ? 0L : 1L).ToArray();
        return (ids, torch.tensor(keep, [2, length]).DetachFromDisposeScope());
    }

    private static void Check<T>(Supernet net, IEnumerable<T> architectures, Func<T, SubnetPlan> plan, Func<T, long> parameters, int length, bool plain)
    {
        var pre = net.Options.LayerNorm == LayerNormPlacement.Pre;
        var (ids, mask) = Batch(length, 3);
        net.eval();
        foreach (var architecture in architectures)
        {
            using var scope = torch.NewDisposeScope();
            var p = plan(architecture);
            using var extracted = net.Extract(p);
            extracted.eval();
            (extracted.encoder is TransformerEncoder).Should().Be(plain && p.IsPlainEncoder && !pre, $"{p}");
            extracted.encoder.parameter_count().Should().Be(parameters(architecture) + (pre ? 2 * p.LastHidden : 0), $"{p} (pre-LN adds the final layer norm)");
            var expected = net.Forward(ids, mask, p);
            var actual = extracted.forward(ids, mask);
            actual.shape.Should().Equal(2, length, p.LastHidden);
            actual.sub(expected).abs().max().item<float>().Should().BeLessThan(1e-5f, $"{p}");
            extracted.Classify(ids, mask).sub(net.Classify(ids, mask, p)).abs().max().item<float>().Should().BeLessThan(1e-5f);
            if (p.FirstHidden == p.LastHidden)
                extracted.MaskedLanguageModel(ids, mask).sub(net.MaskedLanguageModel(ids, mask, p)).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
        ids.Dispose();
        mask.Dispose();
    }

    private static IEnumerable<T> Architectures<T>(T largest, T smallest, Func<Random, T> sample) =>
        new[] { largest, smallest }.Concat(Enumerable.Range(0, 20).Select(_ => sample(new Random(_ + 100))));

    [Fact]
    public void Under_bfloat16_products_the_supernets_one_call_blocks_give_the_extracted_models_composed_result()
    {
        using var net = new FastTransformer.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3, LayerNorm: LayerNormPlacement.Pre));
        net.eval();
        var (ids, mask) = Batch(12, 6);
        using var products = torch.matmul_precision(MatmulPrecision.BFloat16);
        using var noGrad = torch.no_grad();
        foreach (var architecture in Architectures(FastTransformer.Space.Largest, FastTransformer.Space.Smallest, FastTransformer.Space.Sample).Take(6))
        {
            using var scope = torch.NewDisposeScope();
            var plan = FastTransformer.Supernet.Plan(architecture);
            using var extracted = net.Extract(plan);
            extracted.eval();
            net.Forward(ids, mask, plan).ToArray<float>().Should().Equal(extracted.forward(ids, mask).ToArray<float>(), $"{plan}");
        }
        ids.Dispose();
        mask.Dispose();
    }

    [Fact]
    public void Bort_subnets_extract_to_the_plain_encoder_exactly()
    {
        using var net = new Bort.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3));
        Check(net, Architectures(Bort.Space.Largest, Bort.Space.Smallest, Bort.Space.Sample), Bort.Supernet.Plan, b => b.Parameters(Vocabulary, 16), 12, plain: true);
    }

    [Fact]
    public void Fast_transformer_subnets_extract_exactly()
    {
        using var net = new FastTransformer.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3));
        Check(net, Architectures(FastTransformer.Space.Largest, FastTransformer.Space.Smallest, FastTransformer.Space.Sample),
            FastTransformer.Supernet.Plan, x => x.Parameters(Vocabulary, 16), 12, plain: true);
    }

    [Fact]
    public void Nas_bert_subnets_with_operations_transfers_and_convolutions_extract_exactly()
    {
        using var net = new NasBert.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3));
        Check(net, Architectures(NasBert.Space.Largest, NasBert.Space.Smallest, NasBert.Space.Sample), NasBert.Supernet.Plan,
            x => x.Parameters(Vocabulary, 16), 12, plain: false);
    }

    [Fact]
    public void Pre_layer_norm_subnets_of_every_kind_extract_exactly()
    {
        var options = new SupernetOptions(Vocabulary, 128, Classes: 3, LayerNorm: LayerNormPlacement.Pre);
        using (var net = new FastTransformer.Supernet(options))
            Check(net, Architectures(FastTransformer.Space.Largest, FastTransformer.Space.Smallest, FastTransformer.Space.Sample),
                FastTransformer.Supernet.Plan, x => x.Parameters(Vocabulary, 128), 12, plain: true);
        using (var net = new NasBert.Supernet(options))
            Check(net, Architectures(NasBert.Space.Largest, NasBert.Space.Smallest, NasBert.Space.Sample), NasBert.Supernet.Plan,
                x => x.Parameters(Vocabulary, 128), 12, plain: false);
        using (var net = new LengthAdaptive.Supernet(options))
            Check(net, Architectures(LengthAdaptive.Space.Largest, LengthAdaptive.Space.Smallest, LengthAdaptive.Space.Sample),
                LengthAdaptive.Supernet.Plan, x => x.Parameters(Vocabulary, 128), 100, plain: false);
    }

    [Fact]
    public void A_pre_layer_norm_layer_normalizes_before_each_operation_and_once_after_the_last_layer()
    {
        using var net = new Bort.Supernet(new SupernetOptions(Vocabulary, 16, Classes: 3, LayerNorm: LayerNormPlacement.Pre));
        var plan = Bort.Supernet.Plan(Bort.Space.Smallest);
        using var extracted = net.Extract(plan);
        extracted.eval();
        var dense = (DenseSubnet)extracted.encoder;
        var (ids, mask) = Batch(10, 4);
        using var scope = torch.NewDisposeScope();
        var x = dense.embedding_norm.forward(dense.token_embedding.forward(ids).add(dense.position_embedding.forward(torch.arange(10).unsqueeze(0))));
        var additive = TransformerEncoder.AdditiveMask(mask);
        foreach (var slot in dense.Slots)
        {
            var layer = slot.layer!;
            x = x.add(layer.attention.Attend(layer.attention_norm.forward(x), additive, false).Output);
            x = x.add(layer.output.forward(layer.intermediate.forward(layer.output_norm.forward(x)).gelu()));
        }
        var expected = dense.final_norm!.forward(x);
        extracted.forward(ids, mask).sub(expected).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void Length_adaptive_subnets_with_token_dropping_extract_exactly()
    {
        using var net = new LengthAdaptive.Supernet(new SupernetOptions(Vocabulary, 128, Classes: 3));
        Check(net, Architectures(LengthAdaptive.Space.Largest, LengthAdaptive.Space.Smallest, LengthAdaptive.Space.Sample),
            LengthAdaptive.Supernet.Plan, x => x.Parameters(Vocabulary, 128), 100, plain: false);
    }

    [Fact]
    public void Full_lengths_give_exactly_the_no_drop_forward()
    {
        using var net = new LengthAdaptive.Supernet(new SupernetOptions(Vocabulary, 128));
        net.eval();
        var (ids, mask) = Batch(100, 4);
        using var scope = torch.NewDisposeScope();
        var full = LengthAdaptive.Supernet.Plan(LengthAdaptive.FullLength);
        var noDrop = new SubnetPlan(full.Layers.Select(l => new LayerShape(l.Op, l.Hidden, l.Heads, l.HeadSize, l.Ffn, long.MaxValue)).ToArray());
        net.Forward(ids, mask, full).ToArray<float>().Should().Equal(net.Forward(ids, mask, noDrop).ToArray<float>());
        full.ReducesLength.Should().BeTrue("lengths are declared, though here none drops a token");
    }

    [Fact]
    public void Dropped_tokens_keep_their_last_representation_and_every_position_is_restored()
    {
        using var net = new LengthAdaptive.Supernet(new SupernetOptions(Vocabulary, 128));
        net.eval();
        var (ids, _) = Batch(40, 5);
        using var scope = torch.NewDisposeScope();
        var layer = LengthAdaptive.Supernet.Plan(LengthAdaptive.FullLength).Layers[0];
        LayerShape Keep(long keep) => new(layer.Op, layer.Hidden, layer.Heads, layer.HeadSize, layer.Ffn, keep);
        var plan = new SubnetPlan([Keep(8), Keep(8)]);
        var output = net.Forward(ids, null, plan);
        output.shape.Should().Equal(2, 40, 256);
        var embedded = net.embedding.forward(ids, 256);
        for (var row = 0; row < 2; row++)
        {
            var unchanged = Enumerable.Range(0, 40).Count(position =>
                output[row, position].allclose(embedded[row, position], rtol: 0, atol: 0));
            unchanged.Should().Be(32, "32 of 40 tokens are dropped at the first layer and keep their embedding; the 8 kept ones change");
            output[row, 0].allclose(embedded[row, 0]).Should().BeFalse("[CLS] is always kept");
        }
    }

    [Fact]
    public void Token_selection_keeps_cls_and_the_most_attended_tokens_in_order()
    {
        using var scope = torch.NewDisposeScope();
        // One head, 5 queries and keys: keys 3 and 1 receive most attention; key 0 the least.
        var probabilities = torch.tensor(new float[]
        {
            0.0f, 0.3f, 0.1f, 0.5f, 0.1f,
            0.0f, 0.3f, 0.1f, 0.5f, 0.1f,
            0.0f, 0.3f, 0.1f, 0.5f, 0.1f,
            0.0f, 0.3f, 0.1f, 0.5f, 0.1f,
            1.0f, 0.0f, 0.0f, 0.0f, 0.0f,
        }, [1, 1, 5, 5]);
        var mask = torch.tensor(new long[] { 1, 1, 1, 1, 0 }, [1, 5]);
        LengthReduction.Select(probabilities, mask, 3).ToArray<long>().Should().Equal(0, 1, 3);
    }

    [Fact]
    public void Kernel_sizes_share_the_centre_taps_of_one_filter()
    {
        using var net = new NasBert.Supernet(new SupernetOptions(Vocabulary, 16));
        using var scope = torch.NewDisposeScope();
        var conv = net.Slots[0].sep_conv!;
        conv.Kernel(128, 3).ToArray<float>().Should().Equal(conv.Kernel(128, 5).narrow(2, 1, 3).contiguous().ToArray<float>());
        conv.Kernel(128, 5).ToArray<float>().Should().Equal(conv.Kernel(128, 7).narrow(2, 1, 5).contiguous().ToArray<float>());
    }

    [Fact]
    public void Architectures_outside_the_space_are_refused()
    {
        FluentActions.Invoking(() => Bort.Supernet.Plan(Bort.BertLarge)).Should().Throw<ArgumentException>().WithMessage("*not in search space 'bort'*Layers = 24*");
        var plan = new SubnetPlan(Enumerable.Repeat(new LayerShape(LayerOp.FullLayer, 64, 2, 32, 128, long.MaxValue), 3).ToArray());
        using var net = new Bort.Supernet(new SupernetOptions(Vocabulary, 16));
        FluentActions.Invoking(() => net.Forward(torch.ones([1, 4], ScalarType.Int64), null, new SubnetPlan(Enumerable.Repeat(plan.Layers[0], 13).ToArray())))
            .Should().Throw<ArgumentException>().WithMessage("*13 layers from slot 0 but the supernet 12*");
    }
}
