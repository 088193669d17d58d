using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNas.Engine;
using DslNas.Generators.Model;
using Microsoft.CodeAnalysis;

namespace DslNas.Generators;

/// <summary>
/// Compile-time checks that need the space's semantics: the shared engine, with constraints evaluated by the
/// interpreter, reports constraints nothing satisfies, candidates nothing can use, and presets outside the space.
/// Skipped when a constraint cannot be interpreted (the run-time checks still apply).
/// </summary>
internal static class SpaceChecks
{
    private const double MaxGlobalCombinations = 200_000;

    public static SpaceEngine? Engine(SpaceModel space)
    {
        if (space.Constraints.Any(c => c.Expression is null)) return null;
        var globals = space.Dimensions.Where(d => !d.PerLayer).Aggregate(1.0, (product, d) => product * d.Numbers.Count);
        if (globals > MaxGlobalCombinations) return null;
        var dimensions = space.Dimensions.Select(d => new DimensionSpec(d.Property, d.Role, d.PerLayer, d.PerBlock, d.Numbers.ToArray(), d.Labels.ToArray())).ToArray();
        var constraints = space.Constraints.Select(c => new ConstraintSpec(c.Method, c.Description,
            c.Arguments.Select(a => new ConstraintArgument(a.Kind, a.Dimension)).ToArray(), ConstraintExpression.Compile(c.Expression!))).ToArray();
        return new SpaceEngine(dimensions, constraints);
    }

    public static void Run(SpaceModel space, IReadOnlyList<Location> dimensionLocations, List<DiagnosticInfo> diagnostics)
    {
        var engine = Engine(space);
        if (engine is null) return;
        if (engine.Count.IsZero)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.Unsatisfiable.Id, space.Location, new[] { space.TypeName }.ToEquatableArray()));
            return;
        }
        for (var d = 0; d < space.Dimensions.Count; d++)
        for (var c = 0; c < space.Dimensions[d].Numbers.Count; c++)
            if (!engine.IsCandidateUsable(d, c))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusableCandidate, dimensionLocations[d], space.Dimensions[d].Property, space.Dimensions[d].Labels[c]));

        foreach (var preset in space.Presets)
        {
            if (preset.OutsideSpace || preset.Values is not { } values) continue;
            var perDimension = values.Select(v => (IReadOnlyList<double>)v.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
            var scalarsOk = space.Dimensions.Select((d, i) => d.PerLayer || perDimension[i].Count == 1).All(ok => ok);
            var problems = scalarsOk ? engine.FromValues(perDimension).Problems : ["a global dimension is given several values"];
            if (problems.Count > 0)
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.PresetOutside.Id, preset.Location, new[] { preset.Name, space.Name, string.Join("; ", problems) }.ToEquatableArray()));
        }
    }
}
