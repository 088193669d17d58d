using System.Collections.Generic;

namespace DslNas.Engine;

/// <summary>Every index tuple of a Cartesian product, last position fastest: [0,0], [0,1], ..., for the given sizes.</summary>
internal static class IndexProduct
{
    public static IEnumerable<int[]> Of(int[] sizes)
    {
        var current = new int[sizes.Length];
        while (true)
        {
            yield return (int[])current.Clone();
            var k = sizes.Length - 1;
            while (k >= 0 && ++current[k] == sizes[k])
            {
                current[k] = 0;
                k--;
            }
            if (k < 0) yield break;
        }
    }
}
