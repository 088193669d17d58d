using System.Globalization;

namespace DslNas.Methods.NasBert;

/// <summary>pruning.csv read back: block, bin, step, paths before and after each pruning.</summary>
public static class PruningLog
{
    public static IReadOnlyList<PruningRecord> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no pruning log; run 'train' first", path);
        return File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select((line, i) =>
        {
            var f = line.Split(',');
            if (f.Length != 5 || !f.All(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                throw new InvalidDataException($"{path}, line {i + 2}: expected block,bin,step,before,after as integers, got '{line}'");
            var v = f.Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new PruningRecord(v[0], v[1], v[2], v[3], v[4]);
        }).ToList();
    }
}
