namespace DslNas.Search.Ose;

/// <summary>
/// One architecture under the three objectives of optimal subarchitecture extraction (de Wynter 2020): its parameter
/// size p, its inference cost i (operations, or a measured latency) and its error e. All three are "smaller is better".
/// </summary>
public readonly record struct OsePoint(double Parameters, double Inference, double Error);
