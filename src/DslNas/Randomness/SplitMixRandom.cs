namespace DslNas.Randomness;

/// <summary>
/// A <see cref="Random"/> whose whole state is one 64-bit number (SplitMix64), so that a checkpoint can save it and a
/// resumed run draws exactly what an uninterrupted one would.
/// </summary>
public sealed class SplitMixRandom(ulong state) : Random
{
    public ulong State { get; private set; } = state;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public static SplitMixRandom FromSeed(int seed) => new(Gamma * (ulong)(uint)seed + 0xD1B54A32D192ED03UL);

    /// <summary>
    /// A stream determined by the seed and further keys alone (an epoch and an index, say), so that what it draws can
    /// be drawn again for the same keys without replaying the draws of any other keys.
    /// </summary>
    public static SplitMixRandom FromKeys(int seed, params ReadOnlySpan<long> keys)
    {
        var state = FromSeed(seed).State;
        foreach (var key in keys) state = Mix(state ^ Mix(Gamma * ((ulong)key + 1)));
        return new SplitMixRandom(state);
    }

    private ulong NextUInt64() => Mix(State += Gamma);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    protected override double Sample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override double NextDouble() => Sample();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (int)NextBelow((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)NextBelow((ulong)((long)maxValue - minValue));
    }

    public override long NextInt64(long maxValue) => maxValue <= 0 ? 0 : (long)NextBelow((ulong)maxValue);

    public override long NextInt64(long minValue, long maxValue) => minValue + (long)NextBelow((ulong)(maxValue - minValue));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var value = NextUInt64();
            for (var j = 0; j < 8 && i + j < buffer.Length; j++) buffer[i + j] = (byte)(value >> (8 * j));
        }
    }

    private ulong NextBelow(ulong bound)
    {
        if (bound <= 1) return 0;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        while (true)
        {
            var value = NextUInt64();
            if (value < limit) return value % bound;
        }
    }
}
