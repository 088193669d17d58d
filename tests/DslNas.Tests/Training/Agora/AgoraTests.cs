using DslNas.Training.Agora;

namespace DslNas.Tests.Training.Agora;

public sealed class AgoraTests
{
    /// <summary>A threshold classifier on numbers: the midpoint of the class means, moved by θ. The truth is x &gt; 0.5.</summary>
    private sealed class Threshold(double value) : IDisposable
    {
        public double Value { get; } = value;
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private readonly List<Threshold> made = [];
    private readonly List<(double Theta, int Examples)> trainings = [];

    private Agora<double, (double X, bool Label), Threshold> Make() => new(
        (theta, data) =>
        {
            trainings.Add((theta, data.Count));
            var midpoint = (data.Where(d => !d.Label).Average(d => d.X) + data.Where(d => d.Label).Average(d => d.X)) / 2;
            var model = new Threshold(midpoint + theta);
            made.Add(model);
            return model;
        },
        (model, examples) => examples.Select(e => e.X > model.Value == e.Label).ToArray(),
        (example, round) => [(example.X - 0.05, false), (example.X + 0.05, false)],
        examples => examples.Select(e => (e.X, e.X > 0.5)).ToList(),
        theta => $"shift {theta}");

    // Scarce training data whose class means put the midpoint at 0.525; the evaluation set probes the boundary.
    private static readonly (double, bool)[] Training = [(0.0, false), (0.2, false), (0.9, true), (1.0, true)];
    private static readonly (double, bool)[] Evaluation = [(0.3, false), (0.4, false), (0.48, false), (0.52, true), (0.6, true), (0.7, true)];

    [Fact]
    public void Each_round_ranks_the_sets_adds_points_near_the_best_ones_mistakes_labelled_by_the_reference_and_drops_the_worst()
    {
        var result = Make().Run([0.0, 0.2, -0.3], Training, Evaluation);

        result.Rounds.Should().HaveCount(3);
        var first = result.Rounds[0];
        first.Ranking.Select(r => r.Theta).Should().Equal("shift 0", "shift 0.2", "shift -0.3");
        first.Ranking.Select(r => r.Error).Should().Equal(1 / 6.0, 3 / 6.0, 3 / 6.0);
        first.Misclassified.Should().Be(1, "only 0.52 lies between the truth and the threshold 0.525");
        first.Added.Should().Be(2);
        first.Dropped.Should().Be("shift -0.3");
        result.Rounds[1].Dropped.Should().Be("shift 0.2");
        result.Rounds[2].Dropped.Should().BeNull();

        trainings.Select(t => t.Theta).Should().Equal(0.0, 0.2, -0.3, 0.0, 0.2, 0.0);
        trainings.Select(t => t.Examples).Should().Equal(4, 4, 4, 6, 6, 6 + 2 * result.Rounds[1].Misclassified);
        result.Trainings.Should().Be(6, "|Θ|(|Θ| + 1)/2 trainings");
        result.Theta.Should().Be("shift 0");
        result.TrainingExamples.Should().Be(trainings[^1].Examples);
        result.Model.Should().BeSameAs(made[^1]);
        made.Take(made.Count - 1).Should().OnlyContain(m => m.Disposed, "every model but the returned one is disposed");
        result.Model.Disposed.Should().BeFalse();
    }

    [Fact]
    public void Generated_points_are_labelled_by_the_reference_not_by_the_generator()
    {
        var seen = new List<(double, bool)>();
        var agora = new Agora<double, (double X, bool Label), Threshold>(
            (theta, data) => { seen.Clear(); seen.AddRange(data); return new Threshold(0.525 + theta); },
            (model, examples) => examples.Select(e => e.X > model.Value == e.Label).ToArray(),
            (example, round) => [(example.X - 0.05, false), (example.X + 0.05, false)],
            examples => examples.Select(e => (e.X, e.X > 0.5)).ToList(),
            theta => $"{theta}");
        agora.Run([0.0, 0.1], Training, Evaluation);
        var generated = seen.Skip(Training.Length).ToList();
        generated.Select(g => g.Item1).Should().Equal([0.47, 0.57], (a, b) => Math.Abs(a - b) < 1e-12);
        generated.Select(g => g.Item2).Should().Equal(false, true);
    }

    [Fact]
    public void Empty_inputs_are_refused()
    {
        var agora = Make();
        agora.Invoking(a => a.Run([], Training, Evaluation)).Should().Throw<ArgumentException>().WithMessage("*at least one hyperparameter set*");
        agora.Invoking(a => a.Run([0.0], [], Evaluation)).Should().Throw<ArgumentException>().WithMessage("*training examples*");
        agora.Invoking(a => a.Run([0.0], Training, [])).Should().Throw<ArgumentException>().WithMessage("*evaluation examples*");
    }
}
