using DslNas.Torch.Native;

namespace DslNas.Torch.Optim;

/// <summary>Updates a fixed list of parameters from their gradients; the state lives in native tensors.</summary>
public abstract class Optimizer : IDisposable
{
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("the optimizer was given no parameters", nameof(parameters));
        if (learningRate < 0) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must not be negative");
        LearningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The rate the next <see cref="step"/> uses; schedules set it.</summary>
    public double LearningRate { get; set; }

    public abstract void step();

    /// <summary>Drops every gradient (set to none, as PyTorch's default).</summary>
    public void zero_grad()
    {
        using var handles = new HandleArray(Parameters);
        LibTorch.Check(LibTorch.DNOptim_zero_grad(handles.Pointers, handles.Pointers.Length));
    }

    public abstract void Dispose();
}
