using System.Globalization;

namespace DslNas.Search.Ose;

/// <summary>The parameters and operations of one part of an A·Bⁿ·C network: the input function A, one block B, the output function C.</summary>
public readonly record struct PartCost(double Parameters, double Operations);

/// <summary>One candidate of the grid as an A·Bⁿ·C network.</summary>
public sealed record AbncShape(string Name, PartCost Input, PartCost Block, PartCost Output);

/// <summary>How candidates are trained, as far as the property's conditions on training are concerned.</summary>
public sealed record AbncTraining(string Optimizer, double? GradientNormBound);

/// <summary>One condition of the property, whether it holds, and what was found.</summary>
public sealed record AbncCondition(int Number, string Name, bool Holds, string Detail);

/// <summary>
/// The AB^nC property behind the FPTAS's guarantee (de Wynter 2020): (1) the intermediate blocks dominate cost, each
/// block costing more parameters and operations than the input and output functions; (2) the training objective is
/// L-smooth with bounded stochastic gradients; (3) training is by (mini-batch) SGD. With a μ-strongly convex loss
/// besides (the strong form) the algorithm is an FPTAS; with (1)–(3) alone (the weak form) it only behaves like one
/// on many instances. A Transformer's loss is not convex, so the strong form never holds here and is reported as such.
/// </summary>
public static class AbncProperty
{
    /// <summary>The number of the strong form's extra condition, which a Transformer never meets.</summary>
    public const int StrongForm = 4;

    public static IReadOnlyList<AbncCondition> Check(IReadOnlyList<AbncShape> grid, AbncTraining training)
    {
        if (grid.Count == 0) throw new ArgumentException("there is no candidate to check", nameof(grid));
        return
        [
            Dominance(grid),
            training.GradientNormBound is { } bound && bound > 0 && double.IsFinite(bound)
                ? new AbncCondition(2, "smooth loss, bounded stochastic gradients", true,
                    Invariant($"cross entropy of a network with smooth activations; gradients clipped to norm {bound:G4}"))
                : new AbncCondition(2, "smooth loss, bounded stochastic gradients", false, "gradients are not clipped, so nothing bounds them"),
            string.Equals(training.Optimizer, "SGD", StringComparison.OrdinalIgnoreCase)
                ? new AbncCondition(3, "trained by SGD", true, "candidates train by mini-batch SGD")
                : new AbncCondition(3, "trained by SGD", false, $"candidates train with {training.Optimizer}, not SGD"),
            new AbncCondition(StrongForm, "strongly convex loss (strong form)", false,
                "a Transformer's loss is not convex: at most the weak form holds, under which the FPTAS carries no proven guarantee"),
        ];
    }

    private static AbncCondition Dominance(IReadOnlyList<AbncShape> grid)
    {
        var failures = new List<string>();
        foreach (var shape in grid)
        {
            var (a, b, c) = (shape.Input, shape.Block, shape.Output);
            if (b.Parameters <= a.Parameters) failures.Add(Invariant($"{shape.Name}: a block has {b.Parameters:N0} parameters, the input function {a.Parameters:N0}"));
            else if (b.Parameters <= c.Parameters) failures.Add(Invariant($"{shape.Name}: a block has {b.Parameters:N0} parameters, the output function {c.Parameters:N0}"));
            else if (b.Operations <= a.Operations) failures.Add(Invariant($"{shape.Name}: a block takes {b.Operations:N0} operations, the input function {a.Operations:N0}"));
            else if (b.Operations <= c.Operations) failures.Add(Invariant($"{shape.Name}: a block takes {b.Operations:N0} operations, the output function {c.Operations:N0}"));
        }
        const string name = "blocks dominate the input and output functions";
        return failures.Count == 0
            ? new AbncCondition(1, name, true, $"on all {grid.Count} candidates, a block costs more parameters and operations than the input and output functions")
            : new AbncCondition(1, name, false, $"fails on {failures.Count} of {grid.Count} candidates, e.g. {failures[0]}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
