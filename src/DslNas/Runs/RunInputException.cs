namespace DslNas.Runs;

/// <summary>A request that cannot start: unknown method or space, a space the method rejects, options that disagree with the saved run.</summary>
public sealed class RunInputException(string message) : ArgumentException(message);
