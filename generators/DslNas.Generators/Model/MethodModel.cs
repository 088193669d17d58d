namespace DslNas.Generators.Model;

/// <summary>
/// Everything the emitter needs to register one search method: its type as generated code writes it
/// ("global::Demo.MyMethod"), its catalog name and summary. It holds no location, so an edit that only moves the
/// declaration leaves the registration cached.
/// </summary>
public sealed record MethodModel(string TypeName, string Name, string Summary)
{
    /// <summary>The type's name without "global::" and escapes, e.g. "Demo.Outer.Inner", for hint and holder names.</summary>
    public string QualifiedName => TypeName.Substring("global::".Length).Replace("@", "");
}

/// <summary>
/// A parsed method (or none, when the declaration has an error), where its name is written (for the duplicate-name
/// check) and what to report about it.
/// </summary>
public sealed record MethodParseResult(MethodModel? Method, LocationInfo? NameLocation, EquatableArray<DiagnosticInfo> Diagnostics);
