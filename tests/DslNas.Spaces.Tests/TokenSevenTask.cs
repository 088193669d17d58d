using DslNas.Data.Batching;

namespace DslNas.Spaces.Tests;

/// <summary>A small learnable classification task for training tests: label 1 when token 7 occurs.</summary>
internal static class TokenSevenTask
{
    public static List<EncodedExample> Make(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var ids = new[] { 2 }.Concat(Enumerable.Range(0, random.Next(4, 14)).Select(_ => random.Next(5, 20))).Append(3).ToArray();
            return new EncodedExample(ids, ids.Contains(7) ? 1 : 0);
        }).ToList();
    }
}
