using DslNas.Torch;

namespace DslNas.Nn;

/// <summary>A model that turns token ids [batch, seq] (and a keep-mask) into class logits [batch, classes].</summary>
public interface ISequenceClassifier
{
    Tensor Classify(Tensor ids, Tensor? keepMask);
}
