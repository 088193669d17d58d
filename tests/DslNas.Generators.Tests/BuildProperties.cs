using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DslNas.Generators.Tests;

/// <summary>MSBuild properties as the generator sees them (build_property.X), the same for every file.</summary>
public sealed class BuildProperties(params (string Name, string Value)[] properties) : AnalyzerConfigOptionsProvider
{
    private readonly Options global = new(properties.ToImmutableDictionary(p => "build_property." + p.Name, p => p.Value));

    public override AnalyzerConfigOptions GlobalOptions => global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => global;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => global;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
