using DslNas.Torch.Native;

namespace DslNas.Torch.Optim;

/// <summary>Adam with decoupled weight decay, step for step as torch.optim.AdamW; one native call per step.</summary>
public sealed class AdamW : Optimizer
{
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly long[] steps;

    public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01)
        : base(parameters, lr)
    {
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(beta1), $"betas must lie in [0, 1), got ({beta1}, {beta2})");
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weight_decay;
        expAvg = Parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        expAvgSq = Parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        steps = new long[Parameters.Count];
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }

    /// <summary>First moments, one per parameter, in parameter order.</summary>
    public IReadOnlyList<Tensor> ExpAvg => expAvg;

    /// <summary>Second moments, one per parameter, in parameter order.</summary>
    public IReadOnlyList<Tensor> ExpAvgSq => expAvgSq;

    /// <summary>Updates taken by each parameter (parameters without a gradient are skipped).</summary>
    public IReadOnlyList<long> Steps => steps;

    /// <summary>Restores step counts saved from <see cref="Steps"/>.</summary>
    public void SetSteps(IReadOnlyList<long> saved)
    {
        if (saved.Count != steps.Length)
            throw new ArgumentException($"the saved state has {saved.Count} step counts but the optimizer has {steps.Length} parameters");
        for (var i = 0; i < steps.Length; i++) steps[i] = saved[i];
    }

    public override void step()
    {
        using var parameters = new HandleArray(Parameters);
        using var first = new HandleArray(expAvg);
        using var second = new HandleArray(expAvgSq);
        LibTorch.Check(LibTorch.DNOptim_adamw_step(parameters.Pointers, first.Pointers, second.Pointers, steps, steps.Length,
            LearningRate, Beta1, Beta2, Eps, WeightDecay));
    }

    public override void Dispose()
    {
        foreach (var tensor in expAvg) tensor.Dispose();
        foreach (var tensor in expAvgSq) tensor.Dispose();
    }
}
