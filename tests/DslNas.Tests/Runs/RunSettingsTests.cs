using DslNas.Nn;
using DslNas.Runs;
using DslNas.Search;
using DslNas.Torch;
using DslNas.Training;

namespace DslNas.Tests.Runs;

public sealed class RunSettingsTests
{
    [Fact]
    public void Every_setting_reads_back_what_it_sets_and_touches_nothing_else()
    {
        foreach (var setting in RunSettings.All)
        {
            object? value = setting.ValueType switch
            {
                var t when t == typeof(string) => setting.Name == "init" ? "random" : "changed",
                var t when t == typeof(int) => 12345,
                var t when t == typeof(double) => 0.125,
                var t when t == typeof(double?) => 7.5,
                var t when t == typeof(CostObjective) => CostObjective.Parameters,
                var t when t == typeof(LayerNormPlacement) => LayerNormPlacement.Pre,
                var t when t == typeof(ChosenWeights) => ChosenWeights.Inherited,
                var t when t == typeof(bool) => true,
                var t when t == typeof(MatmulPrecision) => RunOptions.Defaults.Precision == MatmulPrecision.BFloat16 ? MatmulPrecision.Float32 : MatmulPrecision.BFloat16,
                var t => throw new InvalidOperationException(t.Name),
            };
            var changed = setting.Set(RunOptions.Defaults, value);
            setting.Get(changed).Should().Be(value, setting.Name);
            foreach (var other in RunSettings.All.Where(o => o != setting))
                other.Get(changed).Should().Be(other.Get(RunOptions.Defaults), $"setting {setting.Name} must not change {other.Name}");
        }
    }

    [Fact]
    public void Flag_names_are_unique()
    {
        RunSettings.All.Select(s => s.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_library_defaults_are_the_run_defaults()
    {
        RunOptions.Defaults.Training.Should().Be(new SupernetTrainingOptions());
        new SupernetTrainingOptions().Steps.Should().Be(300);
        new SupernetTrainingOptions().LearningRate.Should().Be(1.5e-4);
        RunOptions.Defaults.Search.Should().Be(new SearchOptions());
        new SearchOptions().Population.Should().Be(10);
        new SearchOptions().Generations.Should().Be(3);
    }

    [Fact]
    public void Options_round_trip_through_run_json()
    {
        var options = RunOptions.Defaults with { Seed = 5, Search = RunOptions.Defaults.Search with { MaxLatencyMs = 2.5, Cost = CostObjective.Flops } };
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, options.ToJson());
            RunOptions.Load(path).Should().Be(options);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
