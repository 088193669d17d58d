namespace DslNas.Engine;

/// <summary>The part of the Transformer a dimension binds to; <see cref="Choice"/> is a free hyper-parameter.</summary>
public enum Role
{
    Layers,
    Hidden,
    Heads,
    HeadSize,
    FfnSize,
    Op,
    SeqLength,
    Choice,
}
