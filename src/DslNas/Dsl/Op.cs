namespace DslNas;

/// <summary>The operation a slot runs (NAS-BERT's candidates). Without an [Op] dimension every slot is a full layer.</summary>
public enum Op
{
    Attention = 0,
    Ffn = 1,
    SepConv3 = 2,
    SepConv5 = 3,
    SepConv7 = 4,
    Identity = 5,
}
