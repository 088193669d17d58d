namespace DslNas.Generators.Model;

/// <summary>The C# type of a dimension's values (the element type for Layered&lt;T&gt;).</summary>
public enum ValueKind
{
    Int,
    Double,
    Bool,
    String,
    Op,
}
