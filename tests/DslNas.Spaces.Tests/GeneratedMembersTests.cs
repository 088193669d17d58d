using System.Runtime.CompilerServices;
using DslNas.Engine;

namespace DslNas.Spaces.Tests;

public sealed class GeneratedMembersTests
{
    [Fact]
    public void Every_space_registers_in_the_catalog()
    {
        foreach (var type in new[] { typeof(Bort), typeof(TinyChoices) }) RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
        SpaceCatalog.All.Select(s => s.Name).Should().Contain(["bort", "fast-transformer", "length-adaptive", "nas-bert", "tiny-choices"]);
        var bort = SpaceCatalog.Get("bort");
        bort.ArchitectureType.Should().Be(typeof(Bort));
        bort.Count.Should().Be(300);
        bort.Materialize(bort.Engine.Sample(new Random(1))).Should().BeOfType<Bort>();
        bort.Presets.Should().ContainKey("bort");
        FluentActions.Invoking(() => SpaceCatalog.Get("nope")).Should().Throw<KeyNotFoundException>().WithMessage("*'nope'*bort*");
    }

    [Fact]
    public void Choices_of_every_type_sample_uniformly_and_round_trip_through_json()
    {
        TinyChoices.Space.Count.Should().Be(64);
        var random = new Random(12);
        Chi.ShouldBeUniform(Enumerable.Range(0, 32_000).Select(_ => TinyChoices.Space.Sample(random)), 64);
        foreach (var x in TinyChoices.Space.Enumerate())
        {
            TinyChoices.Parse(x.ToJson()).Should().Be(x);
            TinyChoices.Space.Decode(TinyChoices.Space.Encode(x)).Should().Be(x);
        }
        var json = new TinyChoices { Layers = 2, Hidden = 32, Heads = 2, Dropout = 0.1, Optimizer = "sgd", Warmup = true }.ToJson();
        json.Should().Be("{\"space\":\"tiny-choices\",\"Layers\":2,\"Hidden\":32,\"Heads\":2,\"Dropout\":0.1,\"Optimizer\":\"sgd\",\"Warmup\":true}");
#pragma warning disable DNAS0016 // deliberately outside the space: validation is under test
        TinyChoices.Space.Validate(new TinyChoices { Layers = 1, Hidden = 16, Heads = 1, Optimizer = "adam" })
            .Should().ContainSingle().Which.Should().Contain("Optimizer").And.Contain("allowed: adamw, sgd");
#pragma warning restore DNAS0016
    }

    [Theory]
    [InlineData("not json", "*not valid JSON*")]
    [InlineData("[1]", "*JSON object*")]
    [InlineData("{\"space\":\"bort\",\"Heads\":4,\"Hidden\":512,\"FfnSize\":256}", "*field 'Layers' is missing*")]
    [InlineData("{\"space\":\"bort\",\"Layers\":\"two\",\"Heads\":4,\"Hidden\":512,\"FfnSize\":256}", "*field 'Layers'*'two' is not a candidate*")]
    [InlineData("{\"space\":\"bort\",\"Layers\":2,\"Heads\":4,\"Hidden\":512,\"FfnSize\":256,\"Depth\":3}", "*field 'Depth' is not a dimension of 'bort'*")]
    [InlineData("{\"space\":\"nas-bert\",\"Layers\":2,\"Heads\":4,\"Hidden\":512,\"FfnSize\":256}", "*belongs to 'nas-bert', not 'bort'*")]
    [InlineData("{\"space\":\"bort\",\"Layers\":3,\"Heads\":4,\"Hidden\":512,\"FfnSize\":256}", "*not in search space 'bort'*Layers = 3 is not a candidate*")]
    public void Bad_json_names_the_field(string json, string message) =>
        FluentActions.Invoking(() => Bort.Parse(json)).Should().Throw<FormatException>().WithMessage(message);

    [Fact]
    public void Interpreted_constraints_agree_with_the_compiled_methods()
    {
        var spaces = new[] { Bort.Space.Engine, NasBert.Space.Engine, FastTransformer.Space.Engine, LengthAdaptive.Space.Engine };
        var checkedConstraints = 0;
        foreach (var engine in spaces)
        foreach (var constraint in engine.Constraints)
        {
            constraint.Expression.Should().NotBeNull($"{constraint.Name} is in the interpretable subset");
            var interpreted = ConstraintExpression.Compile(constraint.Expression!);
            foreach (var arguments in Combinations(engine, constraint))
                interpreted(arguments).Should().Be(constraint.Predicate(arguments), $"{constraint.Name}({string.Join(", ", arguments)})");
            checkedConstraints++;
        }
        checkedConstraints.Should().Be(5);
    }

    private static IEnumerable<double[]> Combinations(SpaceEngine engine, ConstraintSpec constraint)
    {
        IEnumerable<double[]> result = [[]];
        foreach (var argument in constraint.Arguments)
        {
            var values = argument.Kind == ArgumentKind.LayerIndex ? Enumerable.Range(0, 24).Select(i => (double)i) : engine.Dimensions[argument.Dimension].Values;
            result = result.SelectMany(prefix => values.Select(v => prefix.Append(v).ToArray())).ToList();
        }
        return result;
    }

    [Fact]
    public void Layered_values_compare_by_value_and_take_collection_expressions()
    {
        Layered<int> a = [4, 4, 8];
        var b = new Layered<int>([4, 4, 8]);
        a.Equals(b).Should().BeTrue();
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a == new Layered<int>([4, 8, 4])).Should().BeFalse();
        (FastTransformer.Base with { }).Should().Be(FastTransformer.Base, "records with Layered members keep value equality");
        a.ToString().Should().Be("[4, 4, 8]");
    }
}
