using DslNas.Export;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training.Distillation;

/// <summary>
/// What masked-language-model distillation learns from: a dense encoder and the head that turns its hidden states into
/// token logits, the teacher's own (an <see cref="MlmModel"/>'s tied decoder and bias, or a BERT checkpoint's
/// cls.predictions head with its transform). A checkpoint without a head decodes with the word embeddings alone.
/// </summary>
public sealed class MlmTeacher
{
    private readonly Func<Tensor, Tensor> decode;

    private MlmTeacher(TransformerEncoder encoder, Func<Tensor, Tensor> decode, bool hasHead)
    {
        Encoder = encoder;
        this.decode = decode;
        HasHead = hasHead;
    }

    public TransformerEncoder Encoder { get; }

    /// <summary>False when the checkpoint had no MLM head, so the logits lack the teacher's output bias.</summary>
    public bool HasHead { get; }

    public int VocabularySize => Encoder.Config.VocabularySize;

    public static MlmTeacher Of(MlmModel model) => new(model.encoder, model.Decode, hasHead: true);

    public static MlmTeacher Of(BertCheckpoint checkpoint)
    {
        var encoder = checkpoint.Encoder;
        return checkpoint.MlmHead is { } head
            ? new MlmTeacher(encoder, hidden => head.Logits(hidden, encoder.token_embedding.weight), hasHead: true)
            : new MlmTeacher(encoder, hidden => F.linear(hidden, encoder.token_embedding.weight), hasHead: false);
    }

    /// <summary>Token logits [..., vocabulary] of the teacher's hidden states [..., hidden].</summary>
    public Tensor Logits(Tensor hidden) => decode(hidden);

    /// <summary>The teacher in eval mode, without autograd: its hidden states [batch, seq, hidden] for ids [batch, seq].</summary>
    public Tensor Hidden(Tensor ids, Tensor? keepMask)
    {
        Encoder.eval();
        using var noGrad = torch.no_grad();
        return Encoder.forward(ids, keepMask);
    }
}
