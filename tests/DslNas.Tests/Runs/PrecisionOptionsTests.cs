using System.Text.Json.Nodes;
using DslNas.Runs;
using DslNas.Torch;

namespace DslNas.Tests.Runs;

public sealed class PrecisionOptionsTests
{
    [Fact]
    public void A_new_run_takes_bfloat16_where_the_cpu_multiplies_it_natively()
    {
        RunOptions.Defaults.Precision.Should().Be(BFloat16Support.IsNative ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32);
        RunSettings.All.Single(s => s.Name == "precision").Scope.Should().Be(SettingScope.Overridable);
    }

    [Fact]
    public void A_run_saved_before_the_setting_keeps_float32()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("dslnas-precision-options-").FullName, "run.json");
        try
        {
            var options = RunOptions.Defaults with { Precision = MatmulPrecision.BFloat16 };
            File.WriteAllText(path, options.ToJson());
            RunOptions.Load(path).Precision.Should().Be(MatmulPrecision.BFloat16);

            var json = JsonNode.Parse(File.ReadAllText(path))!;
            json.AsObject().Remove("Precision").Should().BeTrue();
            File.WriteAllText(path, json.ToJsonString());
            RunOptions.Load(path).Precision.Should().Be(MatmulPrecision.Float32, "it was trained and scored in float32");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
