namespace DslNas.Data.Batching;

/// <summary>Token ids of one text (with [CLS] and [SEP]) and its class index.</summary>
public sealed record EncodedExample(int[] Ids, int Label);
