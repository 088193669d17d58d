namespace DslNas;

/// <summary>Marks a partial record (or class) as a search space; the generator emits its Space, cost functions and registration.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SearchSpaceAttribute(string name) : Attribute
{
    /// <summary>Kebab-case, unique among the spaces a program sees.</summary>
    public string Name { get; } = name;

    public string? Summary { get; set; }
}

/// <summary>
/// Binds a property to a part of the Transformer and gives its candidates: listed values, or Min/Max/Step. On
/// <c>T</c> the value is shared by all layers; on <see cref="Layered{T}"/> each layer chooses.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public abstract class RoleAttribute(int[] candidates) : Attribute
{
    public int[] Candidates { get; } = candidates;
    public int Min { get; set; }
    public int Max { get; set; }
    public int Step { get; set; } = 1;
}

/// <summary>Depth: the number of layers (op slots). Required, global.</summary>
public sealed class LayersAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>Model width. Required.</summary>
public sealed class HiddenAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>Attention heads.</summary>
public sealed class HeadsAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>Query/key (and value) size per head; without it a head has hidden / heads features.</summary>
public sealed class HeadSizeAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>FFN inner width; without it the FFN is 4 x hidden.</summary>
public sealed class FfnSizeAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>Tokens kept after each layer (Length-Adaptive Transformer).</summary>
public sealed class SeqLengthAttribute(params int[] candidates) : RoleAttribute(candidates);

/// <summary>The operation of each slot.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OpAttribute(params Op[] candidates) : Attribute
{
    public Op[] Candidates { get; } = candidates;
}

/// <summary>Makes a <see cref="Layered{T}"/> dimension constant within consecutive blocks of <c>size</c> layers.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PerBlockAttribute(int size) : Attribute
{
    public int Size { get; } = size;
}

/// <summary>A free hyper-parameter the space carries and samples but does not wire into the network.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ChoiceAttribute(params object[] candidates) : Attribute
{
    public object[] Candidates { get; } = candidates;
}

/// <summary>
/// A static bool method whose parameters bind by name to dimensions. Parameters bound to per-layer dimensions are
/// checked layer by layer; <see cref="PreviousAttribute"/> binds the previous layer's value and
/// <see cref="LayerIndexAttribute"/> the layer's index, for rules across layers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ConstraintAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>Binds a constraint parameter to the previous layer's value of the named dimension (checked from layer 1 on).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PreviousAttribute(string dimension) : Attribute
{
    public string Dimension { get; } = dimension;
}

/// <summary>Binds an int constraint parameter to the index of the layer being checked (0 = first).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class LayerIndexAttribute : Attribute;

/// <summary>
/// Names a fixed architecture: a static property returning the record. Presets must lie in the space, unless
/// <see cref="OutsideSpace"/> marks a reference architecture (a teacher such as BERT-large) that the grid excludes.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PresetAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public bool OutsideSpace { get; set; }
}
