using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DslNas.Data.Corpora;

/// <summary>
/// The readable text of an RFC 822 message: the subject and the text parts of the body (multipart MIME walked
/// recursively; quoted-printable and base64 decoded; charsets honoured; HTML reduced to text).
/// </summary>
internal static partial class MailText
{
    static MailText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Extracts "subject\nbody" from raw message bytes.</summary>
    public static string Extract(byte[] raw)
    {
        var (headers, body) = Split(Encoding.Latin1.GetString(raw));
        var subject = DecodeHeaderWords(headers.GetValueOrDefault("subject", ""));
        var text = Collapse(PartText(headers, body, depth: 0));
        return subject.Length == 0 ? text : $"{subject}\n{text}";
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string message)
    {
        var normalized = message.Replace("\r\n", "\n");
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var headerText = end < 0 ? normalized : normalized[..end];
        var body = end < 0 ? "" : normalized[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in headerText.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers.TryAdd(last, line[(colon + 1)..].Trim());
        }
        return (headers, body);
    }

    private static string PartText(Dictionary<string, string> headers, string body, int depth)
    {
        var contentType = headers.GetValueOrDefault("content-type", "text/plain");
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal) && depth < 8 && Parameter(contentType, "boundary") is { Length: > 0 } boundary)
        {
            var parts = SplitParts(body, boundary).Select(Split).ToList();
            if (mediaType == "multipart/alternative")
            {
                var plain = parts.FirstOrDefault(p => p.Headers.GetValueOrDefault("content-type", "text/plain").StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
                if (plain.Headers is not null) return PartText(plain.Headers, plain.Body, depth + 1);
            }
            return string.Join("\n", parts.Select(p => PartText(p.Headers, p.Body, depth + 1)).Where(t => t.Length > 0));
        }
        if (!mediaType.StartsWith("text/", StringComparison.Ordinal)) return "";
        var bytes = Decode(body, headers.GetValueOrDefault("content-transfer-encoding", "7bit"));
        var text = Charset(Parameter(contentType, "charset")).GetString(bytes);
        return mediaType == "text/html" ? HtmlToText(text) : text;
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var lines = body.Split('\n');
        StringBuilder? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                if (current is not null) yield return current.ToString();
                current = line.StartsWith(delimiter + "--", StringComparison.Ordinal) ? null : new StringBuilder();
                continue;
            }
            current?.Append(line).Append('\n');
        }
        if (current is not null) yield return current.ToString();
    }

    private static byte[] Decode(string body, string transferEncoding)
    {
        switch (transferEncoding.Trim().ToLowerInvariant())
        {
            case "base64":
                var compact = new string(body.Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=').ToArray());
                compact = compact.TrimEnd('=');
                if (compact.Length % 4 == 1) compact = compact[..^1];
                compact = compact.PadRight((compact.Length + 3) / 4 * 4, '=');
                try
                {
                    return Convert.FromBase64String(compact);
                }
                catch (FormatException)
                {
                    return Encoding.Latin1.GetBytes(body);
                }
            case "quoted-printable":
                return QuotedPrintable(body);
            default:
                return Encoding.Latin1.GetBytes(body);
        }
    }

    internal static byte[] QuotedPrintable(string body)
    {
        var output = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '=')
            {
                output.Add((byte)c);
                continue;
            }
            if (i + 1 < body.Length && body[i + 1] == '\n')
            {
                i++;
                continue;
            }
            if (i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                output.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            output.Add((byte)c);
        }
        return output.ToArray();
    }

    private static Encoding Charset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Encoding.Latin1;
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim().Trim('"'));
            return Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return Encoding.Latin1;
        }
    }

    private static string? Parameter(string header, string name)
    {
        var match = Regex.Match(header, $@"{name}\s*=\s*(""(?<v>[^""]*)""|(?<v>[^;\s]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    /// <summary>Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) in a header.</summary>
    internal static string DecodeHeaderWords(string header) => EncodedWord().Replace(header, m =>
    {
        var encoding = Charset(m.Groups["charset"].Value);
        var text = m.Groups["text"].Value;
        var bytes = m.Groups["kind"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Decode(text, "base64")
            : QuotedPrintable(text.Replace('_', ' '));
        return encoding.GetString(bytes);
    });

    internal static string HtmlToText(string html)
    {
        var text = ScriptOrStyle().Replace(html, " ");
        text = Comment().Replace(text, " ");
        text = BlockTag().Replace(text, "\n");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    private static string Collapse(string text) => Spaces().Replace(BlankLines().Replace(text.Replace("\r", ""), "\n"), " ").Trim();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<kind>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<\s*(br|p|div|tr|li|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n\s*\n+")]
    private static partial Regex BlankLines();
}
