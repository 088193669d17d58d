namespace DslNas.Torch;

/// <summary>
/// Restores libtorch's default generator to its state at construction when disposed, so work inside the scope that
/// draws from it (random weights and inputs of models built only to be timed) leaves a seeded run's random stream where
/// it was: a run measures the same as one that found the measurements cached.
/// </summary>
public sealed class RngStateScope : IDisposable
{
    private readonly byte[] state = torch.get_rng_state();

    public void Dispose() => torch.set_rng_state(state);
}
