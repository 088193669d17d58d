using DslNas.Nn;
using DslNas.Torch;

namespace DslNas.Training.Distillation;

/// <summary>
/// What distillation compares of one model on one batch: its logits (class logits [batch, classes] or MLM logits
/// [batch, seq, vocabulary]) and its trace (hidden states and attention per layer), from <see cref="Supernet.Trace"/>,
/// <see cref="Pretraining.MlmModel.Trace"/> or <see cref="SubnetRunner.Trace(ISubnetOps, Tensor, Tensor?)"/>.
/// </summary>
public sealed record ModelOutputs(Tensor Logits, EncoderTrace Trace);
