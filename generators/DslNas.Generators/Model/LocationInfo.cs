using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslNas.Generators.Model;

/// <summary>A source location without a syntax tree: path, span and line span.</summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation(Compilation? compilation)
    {
        var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        return tree is not null ? Location.Create(tree, Span) : Location.Create(FilePath, Span, LineSpan);
    }

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
