namespace DslNas.Torch.Nn;

/// <summary>
/// A network part with explicitly registered parameters and submodules (no reflection walk), as
/// torch.nn.Module. Names join with dots: "layers.0.attention.query.weight".
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Parameter>> ownParameters = [];
    private readonly List<KeyValuePair<string, Module>> modules = [];
    private bool disposed;

    public bool training { get; private set; } = true;

    protected Parameter register_parameter(string name, Parameter parameter)
    {
        RequireNewName(name);
        ownParameters.Add(new(name, parameter));
        return parameter;
    }

    protected T register_module<T>(string name, T module) where T : Module
    {
        RequireNewName(name);
        modules.Add(new(name, module));
        module.training = training;
        return module;
    }

    private void RequireNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"'{name}' is not a valid member name: use a non-empty name without dots", nameof(name));
        if (ownParameters.Any(p => p.Key == name) || modules.Any(m => m.Key == name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'", nameof(name));
    }

    public IEnumerable<KeyValuePair<string, Parameter>> named_parameters()
    {
        foreach (var parameter in ownParameters) yield return parameter;
        foreach (var (prefix, module) in modules)
        foreach (var (name, parameter) in module.named_parameters())
            yield return new($"{prefix}.{name}", parameter);
    }

    public IEnumerable<Parameter> parameters() => named_parameters().Select(p => p.Value);

    public IEnumerable<KeyValuePair<string, Module>> named_children() => modules;

    /// <summary>Number of scalar parameters.</summary>
    public long parameter_count() => parameters().Sum(p => p.numel());

    public Module train(bool mode = true)
    {
        training = mode;
        foreach (var (_, module) in modules) module.train(mode);
        return this;
    }

    public Module eval() => train(false);

    public void zero_grad()
    {
        foreach (var parameter in parameters()) parameter.clear_grad();
    }

    /// <summary>The parameters by dotted name, sharing storage with the module.</summary>
    public IReadOnlyDictionary<string, Tensor> state_dict() =>
        named_parameters().ToDictionary(p => p.Key, p => (Tensor)p.Value);

    /// <summary>Copies values into the parameters by name. Every name must match with the same shape, in both directions.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        var own = named_parameters().ToDictionary(p => p.Key, p => p.Value);
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new ArgumentException(
                $"the state does not match {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        foreach (var (name, parameter) in own)
        {
            var source = state[name];
            if (!source.shape.SequenceEqual(parameter.shape))
                throw new ArgumentException($"'{name}' has shape {Tensor.ShapeText(source.shape)} in the state but {Tensor.ShapeText(parameter.shape)} in the module");
            using (torch.no_grad()) parameter.copy_(source);
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var (_, parameter) in ownParameters) parameter.Dispose();
        foreach (var (_, module) in modules) module.Dispose();
        GC.SuppressFinalize(this);
    }
}
