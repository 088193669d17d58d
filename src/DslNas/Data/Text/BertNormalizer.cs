using System.Globalization;
using System.Text;

namespace DslNas.Data.Text;

/// <summary>
/// BERT's text clean-up, as Hugging Face's BertNormalizer: drop control characters, U+0000 and U+FFFD; map
/// whitespace to spaces; surround CJK ideographs with spaces; optionally strip accents (NFD, then drop
/// non-spacing marks) and lower-case.
/// </summary>
internal sealed class BertNormalizer(bool lowercase = true, bool? stripAccents = null)
{
    public bool Lowercase { get; } = lowercase;

    /// <summary>Accents are stripped when asked, or by default whenever the text is lower-cased.</summary>
    public bool StripAccents { get; } = stripAccents ?? lowercase;

    public string Normalize(string text)
    {
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value == 0 || value == 0xFFFD || IsControl(rune)) continue;
            if (IsWhitespace(rune)) cleaned.Append(' ');
            else if (IsCjk(value)) cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            else cleaned.Append(rune.ToString());
        }
        var result = cleaned.ToString();
        if (StripAccents) result = RemoveNonSpacingMarks(result.Normalize(NormalizationForm.FormD));
        if (Lowercase) result = ToLower(result);
        return result;
    }

    internal static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    internal static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r') return false;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    internal static bool IsCjk(int value) =>
        value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;

    private static string RemoveNonSpacingMarks(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) result.Append(rune.ToString());
        return result.ToString();
    }

    /// <summary>Full Unicode lower-casing as Rust's str::to_lowercase, including İ and the Greek final sigma.</summary>
    private static string ToLower(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            // The one unconditional multi-character lower-case mapping in Unicode (SpecialCasing.txt).
            if (rune.Value == 0x130) result.Append("i\u0307");
            else if (rune.Value == 0x3A3) result.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
            else result.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return result.ToString();
    }

    /// <summary>Σ is final when a cased letter precedes it and none follows (case-ignorable characters skipped).</summary>
    private static bool IsFinalSigma(Rune[] runes, int index)
    {
        static bool CaseIgnorable(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol || r.Value is '\'' or '.' or ':' or 0x2019;
        static bool Cased(Rune r) => Rune.IsUpper(r) || Rune.IsLower(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.TitlecaseLetter;
        var before = index - 1;
        while (before >= 0 && CaseIgnorable(runes[before])) before--;
        if (before < 0 || !Cased(runes[before])) return false;
        var after = index + 1;
        while (after < runes.Length && CaseIgnorable(runes[after])) after++;
        return after >= runes.Length || !Cased(runes[after]);
    }
}
