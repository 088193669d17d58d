namespace DslNas.Data.Corpora;

public enum TextTableFormat
{
    Tsv,
    Csv,
    Jsonl,
}
