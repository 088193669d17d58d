namespace DslNas.Torch.Nn;

/// <summary>The sizes of one encoder layer: attention heads, query/key size per head, value size per head, FFN width.</summary>
public sealed record EncoderLayerShape(int Heads, int HeadSize, int FfnSize, int? ValueSize = null)
{
    public int EffectiveValueSize => ValueSize ?? HeadSize;
}
