using DslNas.Engine;

namespace DslNas.Nn;

/// <summary>
/// The plan of an architecture given as genes. It lives here rather than on <see cref="SpaceEngine"/> because the
/// engine is also compiled into the generator, which knows nothing of subnets.
/// </summary>
public static class SpaceEnginePlans
{
    public static SubnetPlan Plan(this SpaceEngine engine, Genes genes) => SubnetPlan.From(engine, engine.ToValues(genes));
}
