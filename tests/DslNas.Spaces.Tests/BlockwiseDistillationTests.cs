using DslNas.Nn;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Spaces.Tests;

public sealed class BlockwiseDistillationTests
{
    private static (TinyBlocks.Supernet Student, TransformerEncoder Teacher) Models()
    {
        torch.manual_seed(3);
        return (new TinyBlocks.Supernet(new SupernetOptions(20, 16, Dropout: 0)),
                new TransformerEncoder(TransformerEncoderConfig.Uniform(20, 16, 32, 4, 2, 64, dropout: 0)));
    }

    [Fact]
    public void Each_student_block_reads_the_teachers_previous_block_and_matches_its_next()
    {
        var (student, teacher) = Models();
        using (student)
        using (teacher)
        using (var distillation = new BlockwiseDistillation(student, teacher, blocks: 2))
        using (var scope = torch.NewDisposeScope())
        {
            var ids = torch.randint(5, 20, [2, 9]);
            var path = TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [16, 16, 32, 32], Ops = [Op.SepConv3, Op.Identity, Op.Attention, Op.Ffn] });
            var states = distillation.TeacherStates(ids, null);
            states.Should().HaveCount(3);
            var expected = Enumerable.Range(0, 2).Select(b =>
            {
                var block = new SubnetPlan(path.Layers.Skip(2 * b).Take(2).ToArray());
                var inMap = (DslNas.Nn.Elastic.ElasticLinear)distillation.named_children().First(c => c.Key == $"in{b}").Value;
                var outMap = (DslNas.Nn.Elastic.ElasticLinear)distillation.named_children().First(c => c.Key == $"out{b}").Value;
                var output = SubnetRunner.Layers(student.Ops(block, 2 * b), inMap.forward(states[b], 32, block.FirstHidden), null);
                return F.mse_loss(outMap.forward(output, block.LastHidden, 32), states[b + 1]).item<double>();
            }).Sum();
            distillation.Loss(ids, null, path).item<double>().Should().BeApproximately(expected, 1e-6);
        }
    }

    [Fact]
    public void Training_sampled_paths_brings_the_blocks_closer_to_the_teacher()
    {
        var (student, teacher) = Models();
        using (student)
        using (teacher)
        using (var distillation = new BlockwiseDistillation(student, teacher, blocks: 2))
        {
            torch.manual_seed(4);
            var ids = torch.randint(5, 20, [8, 12]).DetachFromDisposeScope();
            var losses = new List<double>();
            distillation.Train(_ => (ids, null), steps: 80, learningRate: 3e-3, seed: 5, progress: (_, loss) => losses.Add(loss));
            losses.TakeLast(10).Average().Should().BeLessThan(losses.Take(10).Average() * 0.5);
            ids.Dispose();
        }
        FluentActions.Invoking(() => new BlockwiseDistillation(new TinyBlocks.Supernet(new SupernetOptions(20, 16)), new TransformerEncoder(TransformerEncoderConfig.Uniform(20, 16, 32, 3, 2, 64)), 2))
            .Should().Throw<ArgumentException>().WithMessage("*2 blocks do not divide the teacher's 3 layers*");
    }

    [Fact]
    public void The_chained_loss_runs_the_students_blocks_one_after_the_other_through_the_maps()
    {
        var (student, teacher) = Models();
        using (student)
        using (teacher)
        using (var distillation = new BlockwiseDistillation(student, teacher, blocks: 2))
        using (var scope = torch.NewDisposeScope())
        {
            distillation.eval();
            var ids = torch.randint(5, 20, [2, 9]);
            var path = TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [16, 16, 32, 32], Ops = [Op.SepConv3, Op.Identity, Op.Attention, Op.Ffn] });
            var states = distillation.TeacherStates(ids, null);
            DslNas.Nn.Elastic.ElasticLinear Map(string name) => (DslNas.Nn.Elastic.ElasticLinear)distillation.named_children().First(c => c.Key == name).Value;
            var x = states[0];
            for (var b = 0; b < 2; b++)
            {
                var block = distillation.Block(path, b);
                x = Map($"out{b}").forward(SubnetRunner.Layers(student.Ops(block, 2 * b), Map($"in{b}").forward(x, 32, block.FirstHidden), null), block.LastHidden, 32);
            }
            distillation.ChainedLoss(states, path, null).item<double>().Should().BeApproximately(F.mse_loss(x, states[2]).item<double>(), 1e-6);
            distillation.BlockLoss(states, 1, distillation.Block(path, 1), null).item<double>()
                .Should().NotBe(distillation.ChainedLoss(states, path, null).item<double>(), "block 1 alone reads the teacher's state, not the student's");
        }
    }

    [Fact]
    public void Training_lowers_every_blocks_own_error()
    {
        var (student, teacher) = Models();
        using (student)
        using (teacher)
        using (var distillation = new BlockwiseDistillation(student, teacher, blocks: 2))
        {
            torch.manual_seed(4);
            var ids = torch.randint(5, 20, [8, 12]).DetachFromDisposeScope();
            var path = TinyBlocks.Supernet.Plan(new TinyBlocks { Layers = 4, Heads = 2, Hidden = [32, 32, 16, 16], Ops = [Op.Attention, Op.Ffn, Op.SepConv3, Op.Ffn] });
            double[] BlockErrors()
            {
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                var states = distillation.TeacherStates(ids, null);
                return [.. Enumerable.Range(0, 2).Select(b => distillation.BlockLoss(states, b, distillation.Block(path, b), null).item<double>())];
            }
            var before = BlockErrors();
            distillation.Train(_ => (ids, null), steps: 60, learningRate: 3e-3, seed: 5);
            var after = BlockErrors();
            for (var b = 0; b < 2; b++) after[b].Should().BeLessThan(before[b] * 0.7, $"block {b}");
            ids.Dispose();
        }
    }
}
