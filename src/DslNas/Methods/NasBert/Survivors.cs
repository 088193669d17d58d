using System.Globalization;
using System.Text;
using DslNas.Artifacts;

namespace DslNas.Methods.NasBert;

/// <summary>A path that survived shrinking: its block, id among the block's candidates, bin, parameters, block-wise dev loss and description.</summary>
public sealed record Survivor(int Block, int Index, int Bin, long Parameters, double Loss, string Path);

/// <summary>survivors.json and survivors.csv: every block's surviving paths with their block-wise dev losses (Eq. 1).</summary>
public static class Survivors
{
    public static void Save(string json, string csv, IReadOnlyList<IReadOnlyList<Survivor>> blocks)
    {
        JsonArtifact.Save(json, blocks);
        var text = new StringBuilder("block,index,bin,parameters,loss,path\n");
        foreach (var s in blocks.SelectMany(b => b))
            text.Append(CultureInfo.InvariantCulture, $"{s.Block},{s.Index},{s.Bin},{s.Parameters},{s.Loss:R},\"{s.Path}\"\n");
        File.WriteAllText(csv, text.ToString());
    }

    public static IReadOnlyList<IReadOnlyList<Survivor>> Load(string json) =>
        JsonArtifact.Load<List<List<Survivor>>>(json, "list of NAS-BERT survivors", "the supernet has not been trained yet; run 'train' first");
}
