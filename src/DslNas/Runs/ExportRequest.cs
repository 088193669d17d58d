namespace DslNas.Runs;

/// <summary>What an export writes: BERT's layout (plain encoders only), ONNX (any subnet) or both.</summary>
public enum ExportFormat
{
    Bert,
    Onnx,
    Both,
}

/// <summary>
/// One export of a run's model: the format, the architecture (JSON or a file; default: the search's fine-tuned model,
/// else its choice), the output directory (default: the search record's export/) and whether a non-empty output
/// directory may be written into.
/// </summary>
public sealed record ExportRequest(ExportFormat Format, string? Architecture = null, string? Output = null, bool Force = false);
