namespace DslNas.Tests.Training;

/// <summary>
/// Tests that compare runs bit for bit depend on libtorch's default generator, which is global to the process:
/// they run alone, after the parallel tests, so that no other test draws from it or reseeds it meanwhile.
/// </summary>
[CollectionDefinition(nameof(RandomStreamCollection), DisableParallelization = true)]
public sealed class RandomStreamCollection;
