using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Pretraining;

/// <summary>
/// A dense encoder with BERT's masked-language-model decoder tied to its token embeddings: logits = hidden ·
/// token_embeddingᵀ + mlm_bias. The same head as <see cref="Supernet.MaskedLanguageModel"/> and
/// <see cref="ExtractedSubnet.MaskedLanguageModel"/>, so a teacher pre-trained here initialises a supernet
/// (<see cref="TeacherInitialization"/>) head and all.
/// </summary>
public sealed class MlmModel : Module
{
    public MlmModel(TransformerEncoderConfig config)
    {
        encoder = register_module(nameof(encoder), new TransformerEncoder(config));
        using var scope = torch.NewDisposeScope();
        mlm_bias = register_parameter(nameof(mlm_bias), new Parameter(torch.zeros([config.VocabularySize])));
    }

    public TransformerEncoder encoder { get; }
    public Parameter mlm_bias { get; }
    public TransformerEncoderConfig Config => encoder.Config;

    /// <summary>Token logits [batch, seq, vocabulary] for ids [batch, seq]; keepMask marks real tokens.</summary>
    public Tensor forward(Tensor ids, Tensor? keepMask = null)
    {
        using var scope = torch.NewDisposeScope();
        return Decode(encoder.forward(ids, keepMask)).MoveToOuterDisposeScope();
    }

    /// <summary>Logits [..., vocabulary] of hidden states [..., hidden] (all positions, or only the masked ones).</summary>
    public Tensor Decode(Tensor hidden) => F.linear(hidden, encoder.token_embedding.weight, mlm_bias);

    /// <summary>
    /// Mean cross entropy of the batch's masked tokens. Only the masked positions are decoded (as BERT's own
    /// pre-training does): the decoder is the widest matrix product of the step, and 85% of its rows would be thrown away.
    /// </summary>
    public Tensor MaskedLoss(MlmBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var hidden = encoder.forward(batch.Ids, batch.KeepMask);
        var masked = hidden.reshape(-1, hidden.size(-1)).index_select(0, batch.MaskedPositions);
        return F.cross_entropy(Decode(masked), batch.MaskedLabels).MoveToOuterDisposeScope();
    }

    /// <summary>The encoder's hidden states after every layer and its attention probabilities, for distillation.</summary>
    public EncoderTrace Trace(Tensor ids, Tensor? keepMask = null) => SubnetRunner.Trace(encoder, ids, keepMask);
}
