using DslNas.Tests.Training.Pretraining;
using DslNas.Torch;
using DslNas.Torch.Optim;
using DslNas.Training.Distillation;
using DslNas.Training.Pretraining;
using F = DslNas.Torch.torch.nn.functional;

namespace DslNas.Tests.Training.Distillation;

[Collection(nameof(ProcessGlobalCollection))]
public sealed class KnowledgeDistillationTests
{
    private const int Length = 10;

    private static MlmModel Teacher()
    {
        var teacher = TinyCorpus.Model(seed: 1, hidden: 32, layers: 4, heads: 2, dropout: 0);
        teacher.eval();
        return teacher;
    }

    private static (Tensor Ids, Tensor Mask) Batch()
    {
        torch.manual_seed(11);
        var ids = torch.randint(5, TinyCorpus.Vocabulary.Count, [3, Length]);
        var keep = Enumerable.Range(0, 3 * Length).Select(i => i / Length == 2 && i % Length >= 6 ? 0L : 1L).ToArray();
        return (ids, torch.tensor(keep, [3, Length]));
    }

    private static ModelOutputs Outputs(MlmModel model, Tensor ids, Tensor mask)
    {
        var trace = model.Trace(ids, mask);
        return new ModelOutputs(model.Decode(trace.Output), trace);
    }

    private static ModelOutputs TeacherOutputs(MlmModel teacher, Tensor ids, Tensor mask)
    {
        using var noGrad = torch.no_grad();
        return Outputs(teacher, ids, mask);
    }

    [Fact]
    public void Every_term_is_zero_when_the_student_is_the_teacher()
    {
        using var teacher = Teacher();
        using var distillation = new KnowledgeDistillation(new DistillationOptions(Temperature: 2), teacherHidden: 32, studentMaxHidden: 32);
        using var scope = torch.NewDisposeScope();
        var (ids, mask) = Batch();
        var losses = distillation.Loss(TeacherOutputs(teacher, ids, mask), Outputs(teacher, ids, mask), mask);
        losses.Logits!.item<double>().Should().BeApproximately(0, 1e-7);
        losses.Hidden!.item<double>().Should().Be(0);
        losses.Attention!.item<double>().Should().Be(0);
        losses.Total.item<double>().Should().BeApproximately(0, 1e-7);
        losses.SkippedAttention.Should().BeEmpty();
    }

    [Fact]
    public void Every_term_is_positive_for_another_student_and_its_gradient_reaches_the_student_and_the_map()
    {
        using var teacher = Teacher();
        using var student = TinyCorpus.Model(seed: 2, hidden: 16, layers: 2, heads: 2, dropout: 0);
        using var distillation = new KnowledgeDistillation(new DistillationOptions(), teacherHidden: 32, studentMaxHidden: 16);
        var (ids, mask) = Batch();
        var terms = new Func<DistillationLosses, Tensor>[] { l => l.Logits!, l => l.Hidden!, l => l.Attention! };
        foreach (var (term, name) in terms.Zip(new[] { "logits", "hidden", "attention" }))
        {
            using var scope = torch.NewDisposeScope();
            student.zero_grad();
            distillation.zero_grad();
            // The teacher runs with autograd on here: the loss itself must keep its gradient away from the teacher.
            var losses = distillation.Loss(Outputs(teacher, ids, mask), Outputs(student, ids, mask), mask);
            var value = term(losses);
            value.item<double>().Should().BeGreaterThan(1e-4, name);
            value.backward();
            student.encoder.Layers[0].attention.query.weight.grad!.abs().sum().item<double>().Should().BeGreaterThan(0, $"{name} reaches the student's first layer");
            teacher.encoder.Layers[0].attention.query.weight.grad.Should().BeNull("the teacher's outputs are detached");
            if (name == "hidden") distillation.hidden_map.weight.grad!.abs().sum().item<double>().Should().BeGreaterThan(0, "the map carries the student to the teacher's width");
        }
        ids.Dispose();
        mask.Dispose();
    }

    [Fact]
    public void The_terms_equal_their_definitions()
    {
        using var teacher = Teacher();
        using var student = TinyCorpus.Model(seed: 3, hidden: 32, layers: 2, heads: 2, dropout: 0);
        student.eval();
        using var distillation = new KnowledgeDistillation(new DistillationOptions(Temperature: 2, LogitWeight: 0.5, HiddenWeight: 2, AttentionWeight: 3), 32, 32);
        using var scope = torch.NewDisposeScope();
        var (ids, _) = Batch();
        var teacherOutputs = TeacherOutputs(teacher, ids, torch.ones([3, Length], ScalarType.Int64));
        var studentOutputs = Outputs(student, ids, torch.ones([3, Length], ScalarType.Int64));
        var losses = distillation.Loss(teacherOutputs, studentOutputs);

        // Student layer 1 of 2 reads teacher layer 2 of 4, layer 2 reads layer 4; the embeddings read the embeddings.
        var hidden = new[] { (0, 0), (1, 2), (2, 4) }.Average(p => F.mse_loss(studentOutputs.Trace.HiddenStates[p.Item1], teacherOutputs.Trace.HiddenStates[p.Item2]).item<double>());
        losses.Hidden!.item<double>().Should().BeApproximately(hidden, 1e-6);
        var attention = new[] { (0, 1), (1, 3) }.Average(p =>
            F.kl_div(studentOutputs.Trace.Attention[p.Item1]!.log(), teacherOutputs.Trace.Attention[p.Item2]!, Reduction.Sum).item<double>() / (3 * 2 * Length));
        losses.Attention!.item<double>().Should().BeApproximately(attention, 1e-6);

        var teacherLogits = teacherOutputs.Logits.ToArray<float>();
        var studentLogits = studentOutputs.Logits.ToArray<float>();
        var vocabulary = TinyCorpus.Vocabulary.Count;
        double KlTimesSquare(int position)
        {
            double[] Softmax(float[] logits) => Normalize(logits.Skip(position * vocabulary).Take(vocabulary).Select(l => Math.Exp(l / 2.0)).ToArray());
            var p = Softmax(teacherLogits);
            var q = Softmax(studentLogits);
            return 4 * p.Zip(q).Sum(pair => pair.First * Math.Log(pair.First / pair.Second));
        }
        var logits = Enumerable.Range(0, 3 * Length).Average(KlTimesSquare);
        losses.Logits!.item<double>().Should().BeApproximately(logits, 1e-5);
        losses.Total.item<double>().Should().BeApproximately(0.5 * logits + 2 * hidden + 3 * attention, 1e-5);
    }

    private static double[] Normalize(double[] values) => values.Select(v => v / values.Sum()).ToArray();

    [Fact]
    public void Padding_is_left_out_of_the_token_level_terms()
    {
        using var teacher = Teacher();
        using var student = TinyCorpus.Model(seed: 4, hidden: 32, layers: 4, heads: 2, dropout: 0);
        student.eval();
        using var distillation = new KnowledgeDistillation(new DistillationOptions(), 32, 32);
        using var scope = torch.NewDisposeScope();
        var (ids, mask) = Batch();
        var real = distillation.Loss(TeacherOutputs(teacher, ids, mask), Outputs(student, ids, mask), mask);
        var (shortIds, shortMask) = (ids.narrow(0, 2, 1).narrow(1, 0, 6), mask.narrow(0, 2, 1).narrow(1, 0, 6));
        var (fullIds, fullMask) = (ids.narrow(0, 0, 2), mask.narrow(0, 0, 2));
        var shortLosses = distillation.Loss(TeacherOutputs(teacher, shortIds, shortMask), Outputs(student, shortIds, shortMask), shortMask);
        var fullLosses = distillation.Loss(TeacherOutputs(teacher, fullIds, fullMask), Outputs(student, fullIds, fullMask), fullMask);
        // 26 real tokens: 20 in the full rows, 6 in the padded one, which sees only its real tokens as the short batch does.
        var expected = (20 * fullLosses.Logits!.item<double>() + 6 * shortLosses.Logits!.item<double>()) / 26;
        real.Logits!.item<double>().Should().BeApproximately(expected, 1e-5);
    }

    [Fact]
    public void Layers_whose_heads_differ_are_skipped_and_named()
    {
        using var teacher = Teacher();
        using var student = TinyCorpus.Model(seed: 5, hidden: 32, layers: 2, heads: 1, dropout: 0);
        using var scope = torch.NewDisposeScope();
        var (ids, mask) = Batch();
        using (var distillation = new KnowledgeDistillation(new DistillationOptions(), 32, 32))
        {
            var losses = distillation.Loss(TeacherOutputs(teacher, ids, mask), Outputs(student, ids, mask), mask);
            losses.Attention.Should().BeNull();
            losses.SkippedAttention.Should().Equal(
                new SkippedLayer(0, 1, "the student has 1 heads, the teacher 2"),
                new SkippedLayer(1, 3, "the student has 1 heads, the teacher 2"));
            losses.Total.item<double>().Should().BeApproximately(losses.Logits!.item<double>() + losses.Hidden!.item<double>(), 1e-6);
        }
        using var attentionOnly = new KnowledgeDistillation(new DistillationOptions(LogitWeight: 0, HiddenWeight: 0), 32, 32);
        attentionOnly.Invoking(d => d.Loss(TeacherOutputs(teacher, ids, mask), Outputs(student, ids, mask), mask))
            .Should().Throw<InvalidOperationException>().WithMessage("*nothing to distil*student layer 0: the student has 1 heads, the teacher 2*");
    }

    [Fact]
    public void Student_layers_read_teacher_layers_spread_evenly()
    {
        Enumerable.Range(0, 3).Select(s => KnowledgeDistillation.TeacherState(s, 2, 4)).Should().Equal(0, 2, 4);
        Enumerable.Range(0, 4).Select(s => KnowledgeDistillation.TeacherState(s, 3, 4)).Should().Equal(0, 1, 2, 4);
        Enumerable.Range(0, 5).Select(s => KnowledgeDistillation.TeacherState(s, 4, 2)).Should().Equal(0, 0, 1, 1, 2);
        FluentActions.Invoking(() => new KnowledgeDistillation(new DistillationOptions(LogitWeight: 0, HiddenWeight: 0, AttentionWeight: 0), 32, 32))
            .Should().Throw<ArgumentException>().WithMessage("*at least one distillation weight*");
    }

    [Fact]
    public void Training_the_student_and_the_map_on_the_loss_brings_the_student_closer_to_the_teacher()
    {
        using var teacher = Teacher();
        using var student = TinyCorpus.Model(seed: 6, hidden: 16, layers: 2, heads: 2, dropout: 0);
        using var distillation = new KnowledgeDistillation(new DistillationOptions(Temperature: 2), 32, 16);
        var (ids, mask) = Batch();
        var trainable = student.parameters().Concat(distillation.parameters()).ToList();
        using var optimizer = new AdamW(trainable, 3e-3);
        var totals = new List<double>();
        for (var step = 0; step < 40; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var losses = distillation.Loss(TeacherOutputs(teacher, ids, mask), Outputs(student, ids, mask), mask);
            losses.Total.backward();
            optimizer.step();
            totals.Add(losses.Total.item<double>());
        }
        totals.TakeLast(5).Average().Should().BeLessThan(totals.Take(5).Average() / 2);
        ids.Dispose();
        mask.Dispose();
    }
}
