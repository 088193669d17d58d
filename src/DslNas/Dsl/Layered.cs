using System.Collections;
using System.Runtime.CompilerServices;

namespace DslNas;

/// <summary>One value per layer: immutable, compared by value, and written with collection expressions (<c>Heads = [4, 4, 8]</c>).</summary>
[CollectionBuilder(typeof(Layered), nameof(Layered.Create))]
public sealed class Layered<T> : IReadOnlyList<T>, IEquatable<Layered<T>>
{
    private readonly T[] values;

    public Layered(IEnumerable<T> values) => this.values = values.ToArray();

    public int Count => values.Length;

    public T this[int layer] => values[layer];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => values.GetEnumerator();

    public bool Equals(Layered<T>? other) => other is not null && values.AsSpan().SequenceEqual(other.values, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is Layered<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value);
        return hash.ToHashCode();
    }

    public static bool operator ==(Layered<T>? a, Layered<T>? b) => a?.Equals(b) ?? b is null;

    public static bool operator !=(Layered<T>? a, Layered<T>? b) => !(a == b);

    public override string ToString() => "[" + string.Join(", ", values) + "]";
}

public static class Layered
{
    public static Layered<T> Create<T>(ReadOnlySpan<T> values) => new(values.ToArray());

    /// <summary>The same value at each of <paramref name="layers"/> layers.</summary>
    public static Layered<T> Repeat<T>(T value, int layers) => new(Enumerable.Repeat(value, layers));
}
