using DslNas.Torch.Native;

namespace DslNas.Torch.Optim;

/// <summary>Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, as torch.optim.SGD.</summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor[] momentumBuffers;
    private readonly int[] initialized;

    public SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : base(parameters, lr)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening");
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weight_decay;
        Nesterov = nesterov;
        momentumBuffers = momentum == 0 ? [] : Parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        initialized = new int[Parameters.Count];
    }

    public double Momentum { get; }
    public double Dampening { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    public override void step()
    {
        using var parameters = new HandleArray(Parameters);
        using var buffers = new HandleArray(momentumBuffers);
        LibTorch.Check(LibTorch.DNOptim_sgd_step(parameters.Pointers, buffers.Pointers, initialized, initialized.Length,
            LearningRate, Momentum, Dampening, WeightDecay, Nesterov ? 1 : 0));
    }

    public override void Dispose()
    {
        foreach (var tensor in momentumBuffers) tensor.Dispose();
    }
}
