using DslNas.Engine;
using DslNas.Runs;

namespace DslNas.Spaces.Tests;

/// <summary>A method that, like NAS-BERT, needs per-slot operations and per-block hidden sizes: for the acceptance checks.</summary>
[NasMethod("needs-blocks", Summary = "loads the data of spaces with [Op] and [PerBlock] dimensions")]
public sealed class NeedsBlocksMethod : INasMethod
{
    public IReadOnlyList<MethodStage> Stages { get; } = [DataStage.Stage];

    public string? Rejects(SearchSpaceDescriptor space) => SpaceRequirements.Missing(space, [Role.Op], perBlock: true);
}
