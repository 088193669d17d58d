namespace DslNas.Export;

/// <summary>
/// Where each parameter of DslNas's dense encoder lies among BertModel's tensors. Names are BertModel's own
/// (as BertModel.save_pretrained writes them); checkpoints of BERT with a head (BertForPreTraining,
/// BertForMaskedLM, ...) put <see cref="Prefix"/> before each. Both layouts store Linear weights as [out, in], as
/// DslNas does, so tensors map one to one without transposing.
/// </summary>
internal static class BertLayout
{
    public const string Prefix = "bert.";
    public const string WordEmbeddings = "embeddings.word_embeddings.weight";
    public const string PositionEmbeddings = "embeddings.position_embeddings.weight";
    public const string TokenTypeEmbeddings = "embeddings.token_type_embeddings.weight";
    public const string PoolerWeight = "pooler.dense.weight";
    public const string PoolerBias = "pooler.dense.bias";

    /// <summary>The MLM head's tensors lie outside the encoder, never under <see cref="Prefix"/>; its decoder weight is tied to the word embeddings.</summary>
    public const string MlmBias = "cls.predictions.bias";

    /// <summary>The same bias under the tied decoder's name, which a file may keep instead of <see cref="MlmBias"/>.</summary>
    public const string MlmDecoderBias = "cls.predictions.decoder.bias";
    public const string MlmTransformWeight = "cls.predictions.transform.dense.weight";
    public const string MlmTransformBias = "cls.predictions.transform.dense.bias";
    public const string MlmTransformNormWeight = "cls.predictions.transform.LayerNorm.weight";
    public const string MlmTransformNormBias = "cls.predictions.transform.LayerNorm.bias";

    /// <summary>(DslNas's parameter name, BERT's tensor name) for every parameter of an encoder with <paramref name="layers"/> layers.</summary>
    public static IEnumerable<(string Encoder, string Bert)> EncoderNames(int layers)
    {
        yield return ("token_embedding.weight", WordEmbeddings);
        yield return ("position_embedding.weight", PositionEmbeddings);
        yield return ("embedding_norm.weight", "embeddings.LayerNorm.weight");
        yield return ("embedding_norm.bias", "embeddings.LayerNorm.bias");
        for (var i = 0; i < layers; i++)
        {
            var bert = $"encoder.layer.{i}";
            foreach (var part in new[] { "weight", "bias" })
            {
                yield return ($"layer{i}.attention.query.{part}", $"{bert}.attention.self.query.{part}");
                yield return ($"layer{i}.attention.key.{part}", $"{bert}.attention.self.key.{part}");
                yield return ($"layer{i}.attention.value.{part}", $"{bert}.attention.self.value.{part}");
                yield return ($"layer{i}.attention.output.{part}", $"{bert}.attention.output.dense.{part}");
                yield return ($"layer{i}.attention_norm.{part}", $"{bert}.attention.output.LayerNorm.{part}");
                yield return ($"layer{i}.intermediate.{part}", $"{bert}.intermediate.dense.{part}");
                yield return ($"layer{i}.output.{part}", $"{bert}.output.dense.{part}");
                yield return ($"layer{i}.output_norm.{part}", $"{bert}.output.LayerNorm.{part}");
            }
        }
    }
}
