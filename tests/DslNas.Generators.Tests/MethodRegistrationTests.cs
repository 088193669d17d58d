using System.Reflection;
using System.Runtime.CompilerServices;

namespace DslNas.Generators.Tests;

/// <summary>A [NasMethod] class gets a registration that compiles, names it exactly, and registers it when its module loads.</summary>
public sealed class MethodRegistrationTests
{
    private const string Summary = "runs \"fast\" from C:\\data";

    private const string Source = """
        using System.Collections.Generic;
        using DslNas;
        using DslNas.Runs;
        namespace Demo;
        [NasMethod("quoting-method", Summary = "runs \"fast\" from C:\\data")]
        public sealed class Quoting : INasMethod
        {
            public IReadOnlyList<MethodStage> Stages { get; } = [new("only", "the one stage", StageScope.Run, _ => { })];
            public string? Rejects(SearchSpaceDescriptor space) => null;
        }
        """;

    [Fact]
    public void The_registration_names_the_method_its_escaped_summary_and_its_type()
    {
        var result = GeneratorHarness.Run(Source);
        result.Diagnostics.Should().BeEmpty();
        result.CompilerErrors.Should().BeEmpty();
        var registration = result.Generated["Demo.Quoting.MethodRegistration.g.cs"];
        registration.Should().Contain("[assembly: global::DslNas.NasMethodTypeAttribute(typeof(global::Demo.Quoting))]");
        registration.Should().Contain("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        registration.Should().Contain("""
            global::DslNas.MethodCatalog.Register(new global::DslNas.MethodDescriptor(
                    "quoting-method",
                    "runs \"fast\" from C:\\data",
                    typeof(global::Demo.Quoting),
                    static () => new global::Demo.Quoting()));
            """);
    }

    [Fact]
    public void Loading_the_module_registers_a_method_the_catalog_creates()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(Source).WithAssemblyName(nameof(MethodRegistrationTests)));
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        emitted.Success.Should().BeTrue(string.Join("; ", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());

        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

        var descriptor = MethodCatalog.Get("quoting-method");
        descriptor.MethodType.Should().BeSameAs(assembly.GetType("Demo.Quoting"));
        descriptor.Summary.Should().Be(Summary);
        var method = descriptor.Create();
        method.Should().BeOfType(descriptor.MethodType);
        method.Stages.Select(s => s.Name).Should().Equal("only");
        descriptor.Create().Should().NotBeSameAs(method, "each run gets its own instance");
    }
}
