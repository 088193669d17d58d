namespace DslNas.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost open scope and disposes them
/// with it. Results leave a scope with <see cref="Tensor.MoveToOuterDisposeScope"/>; parameters never
/// belong to one.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    internal DisposeScope? Outer { get; }

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => tensors.Count;

    internal void Add(Tensor tensor) => tensors.Add(tensor);

    internal void Remove(Tensor tensor) => tensors.Remove(tensor);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed innermost first, on the thread that opened them");
        current = Outer;
        foreach (var tensor in tensors) tensor.DisposeFromScope();
        tensors.Clear();
    }
}
