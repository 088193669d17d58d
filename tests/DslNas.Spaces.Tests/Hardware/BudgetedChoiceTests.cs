using DslNas.Hardware;
using DslNas.Torch;
using DslNas.Torch.Nn;
using DslNas.Training;

namespace DslNas.Spaces.Tests.Hardware;

public sealed class BudgetedChoiceTests
{
    [Fact]
    public void A_preferred_candidate_over_the_budget_when_re_measured_is_passed_over_for_the_next_within_it()
    {
        var remeasured = new List<int>();
        RemeasuredLatency[] figures = [new(3.6, 3.47), new(3.1, 3.47), new(2.0, 3.47)];
        var choice = BudgetedChoice.FirstWithin(3, i =>
        {
            remeasured.Add(i);
            return figures[i];
        });
        choice.Chosen.Should().Be(1);
        choice.Attempts.Should().Equal(figures[0], figures[1]);
        remeasured.Should().Equal([0, 1], "candidates after the chosen one are not measured");
    }

    [Fact]
    public void When_no_candidate_is_within_the_budget_there_is_no_choice()
    {
        var choice = BudgetedChoice.FirstWithin(2, _ => new RemeasuredLatency(5, 4));
        choice.Chosen.Should().BeNull();
        choice.Attempts.Should().HaveCount(2);
        BudgetedChoice.FirstWithin(0, _ => throw new InvalidOperationException()).Chosen.Should().BeNull();
    }

    [Fact]
    public void A_budget_refuses_a_meter_with_other_settings_and_names_both()
    {
        var meter = new LatencyMeter(16, batch: 1, warmup: 0, repetitions: 2);
        var budget = new LatencyBudget(2.5, meter.Settings with { Threads = meter.Settings.Threads + 1 });
        FluentActions.Invoking(() => budget.Require(meter)).Should().Throw<InvalidOperationException>()
            .WithMessage($"*{budget.Settings.Threads} threads*{meter.Settings.Threads} threads*");
        FluentActions.Invoking(() => new LatencyBudget(2.5, meter.Settings).Require(meter)).Should().NotThrow();
    }

    [Fact]
    public void A_budget_in_milliseconds_is_the_limit_and_a_fraction_is_taken_of_the_largest_measured_alongside()
    {
        using var small = new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 16, 1, 1, 16), 2);
        using var large = new SequenceClassifier(TransformerEncoderConfig.Uniform(20, 16, 64, 2, 2, 256), 2);
        small.eval();
        large.eval();
        var meter = new LatencyMeter(16, batch: 1, warmup: 0, repetitions: 3);
        var absolute = new LatencyBudget(2.5, meter.Settings).Remeasure(small, null, meter);
        absolute.LimitMs.Should().Be(2.5);
        absolute.MeasuredMs.Should().BePositive();
        var relative = new LatencyBudget(2.5, meter.Settings, FractionOfLargest: 0.5).Remeasure(small, large, meter);
        relative.LimitMs.Should().NotBe(2.5).And.BePositive();
        FluentActions.Invoking(() => new LatencyBudget(2.5, meter.Settings, 0.5).Remeasure(small, null, meter)).Should().Throw<ArgumentNullException>();
    }
}
