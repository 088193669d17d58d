using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;

namespace DslNas.Training;

/// <summary>A dense encoder with a classification head on the first ([CLS]) position: tanh pooler, dropout, linear.</summary>
public sealed class SequenceClassifier : Module, ISequenceClassifier
{
    public SequenceClassifier(TransformerEncoderConfig config, int classes)
    {
        encoder = register_module(nameof(encoder), new TransformerEncoder(config));
        pooler = register_module(nameof(pooler), new Linear(config.Hidden, config.Hidden));
        dropout = register_module(nameof(dropout), new Dropout(config.Dropout));
        classifier = register_module(nameof(classifier), new Linear(config.Hidden, classes));
        TransformerEncoder.InitializeBertStyle(pooler);
        TransformerEncoder.InitializeBertStyle(classifier);
    }

    public TransformerEncoder encoder { get; }
    public Linear pooler { get; }
    public Dropout dropout { get; }
    public Linear classifier { get; }

    /// <summary>Logits [batch, classes].</summary>
    public Tensor Classify(Tensor ids, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        var first = encoder.forward(ids, keepMask).select(1, 0);
        return classifier.forward(dropout.forward(pooler.forward(first).tanh())).MoveToOuterDisposeScope();
    }
}
