using DslNas.Torch;
using DslNas.Torch.Optim;

namespace DslNas.Torch.Tests;

/// <summary>Optimizer trajectories against torch.optim on the same loss (Fixtures/make_reference.py).</summary>
public sealed class OptimizerTests
{
    private static Tensor Trajectory(string caseName, Func<Parameter, Optimizer> make)
    {
        var start = Reference.Input(caseName, "p");
        var coefficient = Reference.Input(caseName, "c");
        var parameter = new Parameter(start);
        using var optimizer = make(parameter);
        for (var step = 0; step < 3; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = parameter.mul(coefficient).pow(2).sum().add(parameter.sum().mul(step));
            loss.backward();
            optimizer.step();
        }
        return parameter;
    }

    [Fact]
    public void AdamW_follows_torch_optim_AdamW()
    {
        using var scope = torch.NewDisposeScope();
        using var result = Trajectory("adamw", p => new AdamW([p], lr: 0.1, beta1: 0.8, beta2: 0.9, eps: 1e-6, weight_decay: 0.05));
        result.ShouldMatch(Reference.Outputs("adamw")[0], 1e-5);
    }

    [Fact]
    public void SGD_with_momentum_dampening_and_decay_follows_torch_optim_SGD()
    {
        using var scope = torch.NewDisposeScope();
        using var result = Trajectory("sgd_momentum", p => new SGD([p], lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01));
        result.ShouldMatch(Reference.Outputs("sgd_momentum")[0], 1e-5);
        using var nesterov = Trajectory("sgd_nesterov", p => new SGD([p], lr: 0.05, momentum: 0.9, nesterov: true));
        nesterov.ShouldMatch(Reference.Outputs("sgd_nesterov")[0], 1e-5);
    }

    [Fact]
    public void Parameters_without_gradients_are_left_alone_and_keep_their_step_count()
    {
        using var scope = torch.NewDisposeScope();
        using var used = new Parameter(torch.ones([2]));
        using var unused = new Parameter(torch.ones([2]));
        using var optimizer = new AdamW([used, unused], lr: 0.1, weight_decay: 0.5);
        used.sum().backward();
        optimizer.step();
        unused.ToArray<float>().Should().Equal(1f, 1f);
        used.ToArray<float>().Should().OnlyContain(v => v < 1f);
        optimizer.Steps.Should().Equal(1, 0);
    }

    [Fact]
    public void Clipping_scales_all_gradients_to_the_joint_norm_as_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Parameter(torch.zeros([3, 2]));
        using var b = new Parameter(torch.zeros([4]));
        a.mul(Reference.Input("clip_grad_norm", "g1")).sum().add(b.mul(Reference.Input("clip_grad_norm", "g2")).sum()).backward();
        var expected = Reference.Outputs("clip_grad_norm");
        var norm = GradientClipping.ClipGradNorm([a, b], 1.5);
        norm.Should().BeApproximately(expected[0].item<double>(), 1e-5);
        a.grad!.ShouldMatch(expected[1]);
        b.grad!.ShouldMatch(expected[2]);
    }

    [Fact]
    public void Linear_warmup_then_linear_decay()
    {
        using var scope = torch.NewDisposeScope();
        using var p = new Parameter(torch.zeros([1]));
        using var optimizer = new SGD([p], lr: 1);
        var schedule = new LinearWarmupDecay(optimizer, peakLearningRate: 0.4, warmupSteps: 4, totalSteps: 12);
        var rates = new List<double> { optimizer.LearningRate };
        for (var i = 0; i < 13; i++)
        {
            schedule.Step();
            rates.Add(optimizer.LearningRate);
        }
        rates.Should().Equal(new[] { 0, 0.1, 0.2, 0.3, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0, 0 },
            (x, y) => Math.Abs(x - y) < 1e-12);
        schedule.Resume(6);
        optimizer.LearningRate.Should().BeApproximately(0.3, 1e-12);
    }
}
