using DslNas.Engine;

namespace DslNas.Tests.Dsl;

/// <summary>Hostile architecture JSON: unknown, missing, repeated or mistyped fields are refused naming the file and the field.</summary>
public sealed class ArchitectureJsonHostileTests
{
    private static readonly SpaceEngine Engine = new(
        [
            new DimensionSpec("Layers", Role.Layers, false, 0, [1, 2], ["1", "2"]),
            new DimensionSpec("Hidden", Role.Hidden, false, 0, [8, 16], ["8", "16"]),
            new DimensionSpec("Heads", Role.Heads, true, 0, [1, 2], ["1", "2"]),
        ],
        []);

    private const string Source = "runs/x/model.json";

    [Theory]
    [InlineData("""{"space":"s","Layers":2,"Hidden":8,"Heads":[1,2]}""")]
    [InlineData("""{"Layers":1,"Hidden":16,"Heads":[2]}""")]
    public void A_well_formed_architecture_reads(string json) =>
        ArchitectureJson.Read("s", Engine, json, Source).Should().HaveCount(3);

    [Theory]
    [InlineData("""{"Layers":2,"Hidden":8,"Heads":[1,2],"Depth":3}""", "field 'Depth' is not a dimension of 's'; its dimensions are Layers, Hidden, Heads")]
    [InlineData("""{"Layers":2,"Heads":[1,2]}""", "field 'Hidden' is missing")]
    [InlineData("""{"Layers":2,"Layers":1,"Hidden":8,"Heads":[1,2]}""", "field 'Layers' is given 2 times")]
    [InlineData("""{"Layers":"two","Hidden":8,"Heads":[1,2]}""", "field 'Layers': 'two' is not a candidate; allowed: 1, 2")]
    [InlineData("""{"Layers":{"n":2},"Hidden":8,"Heads":[1,2]}""", "field 'Layers' must be a number, a boolean or a candidate's name, not Object")]
    [InlineData("""{"Layers":[2],"Hidden":8,"Heads":[1,2]}""", "field 'Layers' must be a number*not Array")]
    [InlineData("""{"Layers":2,"Hidden":8,"Heads":2}""", "field 'Heads' must be an array with one value per layer, not Number")]
    [InlineData("""{"Layers":2,"Hidden":8,"Heads":[1,null]}""", "field 'Heads[1]' must be a number*not Null")]
    [InlineData("""{"Layers":2,"Hidden":1e400,"Heads":[1,2]}""", "field 'Hidden': 1e400 is not a finite number")]
    [InlineData("""{"space":7,"Layers":2,"Hidden":8,"Heads":[1,2]}""", "field 'space': the architecture belongs to 7, not 's'")]
    [InlineData("""{"space":"t","Layers":2,"Hidden":8,"Heads":[1,2]}""", "field 'space': the architecture belongs to 't', not 's'")]
    [InlineData("""[2, 8]""", "an architecture must be a JSON object, not Array")]
    [InlineData("""{"Layers":2,""", "not valid JSON*")]
    public void A_hostile_architecture_is_refused_naming_the_file_and_the_field(string json, string fault) =>
        FluentActions.Invoking(() => ArchitectureJson.Read("s", Engine, json, Source)).Should().Throw<FormatException>().WithMessage($"{Source}: {fault}");

    [Fact]
    public void Values_outside_the_space_are_left_to_the_space_s_validation()
    {
        var values = ArchitectureJson.Read("s", Engine, """{"Layers":2,"Hidden":12,"Heads":[1,2,1]}""", Source);
        Engine.FromValues(values).Problems.Should().NotBeEmpty();
    }
}
