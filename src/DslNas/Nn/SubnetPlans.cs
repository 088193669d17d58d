using DslNas.Engine;

namespace DslNas.Nn;

/// <summary>The layers an architecture of a space runs.</summary>
public static class SubnetPlans
{
    public static SubnetPlan Plan(this SpaceEngine engine, Genes genes) => SubnetPlan.From(engine, engine.ToValues(genes));
}
