namespace DslNas.Torch.Distributed;

/// <summary>How an all-reduce combines the ranks' tensors, numbered as the shim expects.</summary>
public enum ReduceOp
{
    Sum = 0,
    Max = 1,
    Min = 2,
}
