namespace DslNas.Distributed;

/// <summary>The ranks of a distributed run could not go on together: one died, left, never joined or did not answer in time.</summary>
public sealed class DistributedException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
