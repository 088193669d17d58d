// The generator links this file for its compile-time checks, which never sample; random draws happen at run time only.
#pragma warning disable RS1035

using System;
using System.Collections.Generic;
using System.Numerics;

namespace DslNas.Engine;

/// <summary>
/// Draws index i with probability weight[i] / total, exactly: a uniform integer below the total located in the
/// cumulative weights. Uses 64-bit arithmetic when the total allows it.
/// </summary>
internal sealed class WeightedIndex
{
    private readonly long[]? cumulativeSmall;
    private readonly BigInteger[]? cumulativeBig;

    public WeightedIndex(IReadOnlyList<BigInteger> weights)
    {
        var total = BigInteger.Zero;
        var cumulative = new BigInteger[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            cumulative[i] = total;
        }
        Total = total;
        if (total <= long.MaxValue / 2)
        {
            cumulativeSmall = new long[cumulative.Length];
            for (var i = 0; i < cumulative.Length; i++) cumulativeSmall[i] = (long)cumulative[i];
        }
        else
        {
            cumulativeBig = cumulative;
        }
    }

    public BigInteger Total { get; }

    public int Next(Random random)
    {
        if (Total.IsZero) throw new InvalidOperationException("no index has a positive weight");
        if (cumulativeSmall is not null)
        {
            var target = RandomBelow((long)Total, random);
            var index = Array.BinarySearch(cumulativeSmall, target);
            return index >= 0 ? NextPositive(cumulativeSmall, index + 1) : ~index;
        }
        var big = RandomBelow(Total, random);
        int low = 0, high = cumulativeBig!.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cumulativeBig[middle] > big) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    private static int NextPositive(long[] cumulative, int index)
    {
        // The target equals a cumulative sum: the chosen index is the first whose cumulative sum exceeds it.
        var value = cumulative[index - 1];
        while (cumulative[index] == value) index++;
        return index;
    }

    public static long RandomBelow(long bound, Random random)
    {
        if (bound <= int.MaxValue) return random.Next((int)bound);
        var buffer = new byte[8];
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        while (true)
        {
            random.NextBytes(buffer);
            var value = BitConverter.ToUInt64(buffer, 0);
            if (value < limit) return (long)(value % (ulong)bound);
        }
    }

    public static BigInteger RandomBelow(BigInteger bound, Random random)
    {
        var bytes = bound.ToByteArray();
        var buffer = new byte[bytes.Length + 1];
        var topBits = bytes[bytes.Length - 1];
        var mask = 0xFF;
        while (mask >> 1 >= topBits && mask > 1) mask >>= 1;
        while (true)
        {
            random.NextBytes(buffer);
            buffer[buffer.Length - 1] = 0;
            buffer[bytes.Length - 1] &= (byte)mask;
            var value = new BigInteger(buffer);
            if (value < bound) return value;
        }
    }
}
