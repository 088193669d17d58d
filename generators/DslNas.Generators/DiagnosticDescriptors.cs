using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DslNas.Generators;

/// <summary>Every diagnostic of the DslNas generator and analyzers. Each message says what to change.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "DslNas";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotPartial = Error("DNAS0001", "Search space is not partial",
        "Search space '{0}' must be declared partial so that DslNas can generate its members: add the 'partial' modifier");

    public static readonly DiagnosticDescriptor MissingLayers = Error("DNAS0002", "Search space has no [Layers]",
        "Search space '{0}' has no [Layers] property: add 'int' property with [Layers(...)] giving the depth candidates");

    public static readonly DiagnosticDescriptor MissingHidden = Error("DNAS0003", "Search space has no [Hidden]",
        "Search space '{0}' has no [Hidden] property: add a property with [Hidden(...)] giving the model width candidates");

    public static readonly DiagnosticDescriptor EmptyCandidates = Error("DNAS0004", "Dimension has no candidates",
        "'{0}' has no candidates: list values, as in [{1}(64, 128)], or give Min and Max");

    public static readonly DiagnosticDescriptor DuplicateCandidate = Error("DNAS0005", "Duplicate candidate",
        "'{0}' lists the candidate {1} twice: remove the duplicate");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error("DNAS0006", "Size must be positive",
        "'{0}' has the candidate {1}, but sizes must be positive: use values of 1 or more");

    public static readonly DiagnosticDescriptor WrongType = Error("DNAS0007", "Role on a property of the wrong type",
        "[{0}] needs a property of type {1}, but '{2}' is {3}: change the property's type");

    public static readonly DiagnosticDescriptor DuplicateRole = Error("DNAS0008", "Role declared twice",
        "[{0}] is declared on both '{1}' and '{2}': keep one of them");

    public static readonly DiagnosticDescriptor ConstraintNotStatic = Error("DNAS0009", "Constraint is not static",
        "Constraint '{0}' must be static: add the 'static' modifier");

    public static readonly DiagnosticDescriptor ConstraintNotBool = Error("DNAS0010", "Constraint does not return bool",
        "Constraint '{0}' must return bool, not {1}: return whether the architecture is allowed");

    public static readonly DiagnosticDescriptor UnboundParameter = Error("DNAS0011", "Constraint parameter names no dimension",
        "Parameter '{0}' of constraint '{1}' names no dimension: rename it to one of {2}, or mark it [Previous(\"Dimension\")] or [LayerIndex]");

    public static readonly DiagnosticDescriptor ParameterType = Error("DNAS0012", "Constraint parameter has the wrong type",
        "Parameter '{0}' of constraint '{1}' binds to '{2}', whose values are {3}, but is declared {4}: declare it {3}");

    public static readonly DiagnosticDescriptor Unsatisfiable = Error("DNAS0013", "No architecture satisfies the constraints",
        "No architecture of search space '{0}' satisfies its constraints: relax a constraint or widen the candidates");

    public static readonly DiagnosticDescriptor UnusableCandidate = Warning("DNAS0014", "Candidate no architecture can use",
        "No valid architecture uses {0} = {1}: the constraints exclude it, so remove it or relax them");

    public static readonly DiagnosticDescriptor PresetOutside = Error("DNAS0015", "Preset lies outside the space",
        "Preset '{0}' is not in search space '{1}': {2}. Fix the values, or mark it [Preset(\"{0}\", OutsideSpace = true)] if it is a reference architecture");

    public static readonly DiagnosticDescriptor LiteralOutside = Error("DNAS0016", "Value outside the search space",
        "{0}: fix the value or the space's candidates");

    public static readonly DiagnosticDescriptor DuplicateName = Error("DNAS0017", "Duplicate search space name",
        "The name '{0}' is used by both '{1}' and '{2}': give each search space its own name");

    public static readonly DiagnosticDescriptor MalformedName = Error("DNAS0018", "Malformed search space name",
        "Search space name '{0}' must be kebab-case (lower-case letters, digits and single dashes, starting with a letter), e.g. '{1}'");

    public static readonly DiagnosticDescriptor OpNeedsDimension = Error("DNAS0019", "Operation needs a missing dimension",
        "{0} needs a [{1}] dimension, which search space '{2}' does not declare: add one");

    public static readonly DiagnosticDescriptor NotInterpretable = Warning("DNAS0020", "Constraint is checked at run time only",
        "Constraint '{0}' uses {1}, which the compile-time checks cannot evaluate: write its body as one expression of arithmetic, comparisons, logic, ?: and Math.Min/Max/Abs over its parameters to have it checked when compiling");

    public static readonly DiagnosticDescriptor InvalidRange = Error("DNAS0021", "Malformed candidate range",
        "'{0}' has Min = {1}, Max = {2}, Step = {3}: use Min <= Max, Step >= 1 and at most 1024 candidates");

    public static readonly DiagnosticDescriptor PerBlockMisuse = Error("DNAS0022", "[PerBlock] cannot apply",
        "[PerBlock({0})] on '{1}': {2}");

    public static readonly DiagnosticDescriptor LayersPerLayer = Error("DNAS0023", "[Layers] must be global",
        "[Layers] on '{0}' must be a single int, not Layered<int>: the depth is chosen once per architecture");

    public static readonly DiagnosticDescriptor MethodNotINasMethod = Error("DNAS0024", "Search method does not implement INasMethod",
        "Search method '{0}' is marked [NasMethod] but does not implement DslNas.Runs.INasMethod: implement it (Stages and Rejects) or remove [NasMethod]");

    public static readonly DiagnosticDescriptor MethodNotCreatable = Error("DNAS0025", "Search method cannot be created",
        "Search method '{0}' cannot be created by the method catalog, which calls 'new {0}()': {1}");

    public static readonly DiagnosticDescriptor MalformedMethodName = Error("DNAS0026", "Malformed search method name",
        "Search method name '{0}' must be kebab-case (lower-case letters, digits and single dashes, starting with a letter), e.g. '{1}'");

    public static readonly DiagnosticDescriptor DuplicateMethodName = Error("DNAS0027", "Duplicate search method name",
        "The method name '{0}' is used by both '{1}' and '{2}': give each search method its own name");

    public static readonly DiagnosticDescriptor ConstraintNotCallable = Error("DNAS0028", "Constraint cannot be called with dimension values",
        "Constraint '{0}' {1}: the generated code calls it with one value per parameter");

    public static readonly DiagnosticDescriptor CandidateType = Error("DNAS0029", "Candidate of the wrong type",
        "'{0}' lists the candidate {1}, which is not a value of its type {2}: list {2} values only");

    public static readonly DiagnosticDescriptor TooManyLayers = Error("DNAS0030", "Depth out of range",
        "'{0}' has the candidate {1}, but a space holds at most {2} layers: use fewer layers");

    public static readonly DiagnosticDescriptor ReservedName = Error("DNAS0031", "Name reserved by the generated API",
        "'{0}' is a name the generator gives to every search space's API ({1}): rename it");

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        NotPartial, MissingLayers, MissingHidden, EmptyCandidates, DuplicateCandidate, NonPositiveSize, WrongType, DuplicateRole,
        ConstraintNotStatic, ConstraintNotBool, UnboundParameter, ParameterType, Unsatisfiable, UnusableCandidate, PresetOutside,
        LiteralOutside, DuplicateName, MalformedName, OpNeedsDimension, NotInterpretable, InvalidRange, PerBlockMisuse, LayersPerLayer,
        MethodNotINasMethod, MethodNotCreatable, MalformedMethodName, DuplicateMethodName, ConstraintNotCallable,
        CandidateType, TooManyLayers, ReservedName,
    ];

    public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);
}
