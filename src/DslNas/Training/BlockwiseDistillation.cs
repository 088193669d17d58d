using DslNas.Nn;
using DslNas.Nn.Elastic;
using DslNas.Randomness;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Torch.Optim;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Training;

/// <summary>
/// NAS-BERT's block-wise distillation: a dense teacher is split into as many blocks as the supernet has blocks of
/// slots; student block n reads the teacher's output of block n-1 and learns to reproduce the teacher's output of
/// block n (mean squared error). Learnable linear maps carry the teacher's width into the block's hidden size and
/// back when they differ. Each step trains one sampled path (an architecture) through every block at once. The student
/// and the maps are this module's parameters (the teacher's are not), so one checkpoint holds all that is trained.
/// </summary>
public sealed class BlockwiseDistillation : Module
{
    private readonly Supernet student;
    private readonly TransformerEncoder teacher;
    private readonly List<ElasticLinear> inMaps = [];
    private readonly List<ElasticLinear> outMaps = [];

    public BlockwiseDistillation(Supernet student, TransformerEncoder teacher, int blocks)
    {
        if (blocks < 1 || student.Slots.Count % blocks != 0)
            throw new ArgumentException($"{blocks} blocks do not divide the supernet's {student.Slots.Count} slots");
        if (teacher.Layers.Count % blocks != 0)
            throw new ArgumentException($"{blocks} blocks do not divide the teacher's {teacher.Layers.Count} layers");
        this.student = register_module(nameof(student), student);
        this.teacher = teacher;
        Blocks = blocks;
        var width = teacher.Config.Hidden;
        for (var b = 0; b < blocks; b++)
        {
            inMaps.Add(register_module($"in{b}", new ElasticLinear(width, student.MaxHidden)));
            outMaps.Add(register_module($"out{b}", new ElasticLinear(student.MaxHidden, width)));
        }
    }

    public int Blocks { get; }
    public int SlotsPerBlock => student.Slots.Count / Blocks;

    /// <summary>The teacher's hidden states at every block boundary (0 = embeddings), without gradients.</summary>
    public IReadOnlyList<Tensor> TeacherStates(Tensor ids, Tensor? keepMask)
    {
        using var noGrad = torch.no_grad();
        var perBlock = teacher.Layers.Count / Blocks;
        return SubnetRunner.Trace(teacher, ids, keepMask).HiddenStates.Where((_, i) => i % perBlock == 0).ToArray();
    }

    /// <summary>The summed per-block MSE of one path; every block reads the teacher's state, not the previous student block.</summary>
    public Tensor Loss(Tensor ids, Tensor? keepMask, SubnetPlan path)
    {
        if (path.Layers.Count != student.Slots.Count)
            throw new ArgumentException($"block-wise distillation needs a path through all {student.Slots.Count} slots, got {path.Layers.Count} layers");
        using var scope = torch.NewDisposeScope();
        var states = TeacherStates(ids, keepMask);
        Tensor? total = null;
        for (var b = 0; b < Blocks; b++)
        {
            var loss = BlockLoss(states, b, Block(path, b), keepMask);
            total = total is null ? loss : total.add(loss);
        }
        return total!.MoveToOuterDisposeScope();
    }

    /// <summary>The layers of <paramref name="path"/> that run in block <paramref name="block"/>.</summary>
    public SubnetPlan Block(SubnetPlan path, int block) => new(path.Layers.Skip(block * SlotsPerBlock).Take(SlotsPerBlock).ToArray());

    /// <summary>Eq. 1 of NAS-BERT for one block: ‖ out(f(in(Y_{n−1}); A_n)) − Y_n ‖², given the teacher's <paramref name="states"/>.</summary>
    public Tensor BlockLoss(IReadOnlyList<Tensor> states, int block, SubnetPlan blockPath, Tensor? keepMask)
    {
        if (blockPath.Layers.Count != SlotsPerBlock)
            throw new ArgumentException($"a block has {SlotsPerBlock} slots, the path {blockPath.Layers.Count} layers");
        using var scope = torch.NewDisposeScope();
        var width = teacher.Config.Hidden;
        var input = inMaps[block].forward(states[block], width, blockPath.FirstHidden);
        var output = SubnetRunner.Layers(student.Ops(blockPath, block * SlotsPerBlock), input, keepMask);
        return F.mse_loss(outMaps[block].forward(output, blockPath.LastHidden, width), states[block + 1]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The complete architecture's loss: the student's blocks chained (each block's output map feeds the next block's
    /// input map, so only the embeddings come from the teacher), its last output against the teacher's last state.
    /// </summary>
    public Tensor ChainedLoss(IReadOnlyList<Tensor> states, SubnetPlan path, Tensor? keepMask)
    {
        using var scope = torch.NewDisposeScope();
        var width = teacher.Config.Hidden;
        var x = states[0];
        for (var b = 0; b < Blocks; b++)
        {
            var block = Block(path, b);
            var output = SubnetRunner.Layers(student.Ops(block, b * SlotsPerBlock), inMaps[b].forward(x, width, block.FirstHidden), keepMask);
            x = outMaps[b].forward(output, block.LastHidden, width);
        }
        return F.mse_loss(x, states[Blocks]).MoveToOuterDisposeScope();
    }

    /// <summary>Trains the student supernet and the maps for <paramref name="steps"/> steps, one sampled path per step.</summary>
    public void Train(Func<int, (Tensor Ids, Tensor? Mask)> batches, int steps, double learningRate, int seed, Action<int, double>? progress = null)
    {
        var random = SplitMixRandom.FromSeed(seed);
        var trainable = parameters().ToList();
        using var optimizer = new AdamW(trainable, learningRate);
        student.train();
        teacher.eval();
        var engine = student.Engine;
        for (var step = 1; step <= steps; step++)
        {
            var (ids, mask) = batches(step);
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var path = engine.Plan(engine.Sample(random));
            var loss = Loss(ids, mask, path);
            loss.backward();
            GradientClipping.ClipGradNorm(trainable, 1.0);
            optimizer.step();
            progress?.Invoke(step, loss.item<double>());
        }
    }
}
