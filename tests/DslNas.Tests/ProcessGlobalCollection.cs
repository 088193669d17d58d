namespace DslNas.Tests;

/// <summary>
/// Tests that read libtorch state global to the process run alone, after the parallel tests: those that compare runs
/// bit for bit depend on the default generator, which no other test may draw from or reseed meanwhile, and those that
/// count live tensors would count other tests' tensors too.
/// </summary>
[CollectionDefinition(nameof(ProcessGlobalCollection), DisableParallelization = true)]
public sealed class ProcessGlobalCollection;
