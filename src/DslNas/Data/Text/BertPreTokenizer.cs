using System.Globalization;
using System.Text;

namespace DslNas.Data.Text;

/// <summary>Splits normalized text into words on whitespace, and makes every punctuation character a word of its own.</summary>
internal static class BertPreTokenizer
{
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length == 0) return;
            words.Add(current.ToString());
            current.Clear();
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (BertNormalizer.IsWhitespace(rune))
            {
                Flush();
            }
            else if (IsPunctuation(rune))
            {
                Flush();
                words.Add(rune.ToString());
            }
            else
            {
                current.Append(rune.ToString());
            }
        }
        Flush();
        return words;
    }

    /// <summary>ASCII punctuation (including $+&lt;=&gt;^`|~) or any Unicode punctuation category.</summary>
    internal static bool IsPunctuation(Rune rune)
    {
        var value = rune.Value;
        if (value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return true;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}
