using System.Text;
using DslNas.Data.Text;

namespace DslNas.Tests.Data;

/// <summary>Hostile vocab.txt files: refused naming the file, the line and the fault; a BOM and CRLF line ends are read as meant.</summary>
public sealed class VocabularyHostileFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-hostile-vocabulary").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly string Good = string.Join("\n", Vocabulary.SpecialTokens.Concat(["the", "##s", "cat"])) + "\n";

    private string Write(byte[] content)
    {
        var path = Path.Combine(directory, $"vocab-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, content);
        return path;
    }

    private void ShouldBeRefused(byte[] content, string fault)
    {
        var path = Write(content);
        FluentActions.Invoking(() => Vocabulary.Load(path)).Should().Throw<InvalidDataException>().WithMessage($"{path}: {fault}");
        File.ReadAllBytes(path).Should().Equal(content);
    }

    [Fact]
    public void A_repeated_token_is_refused_with_both_lines() =>
        ShouldBeRefused(Encoding.UTF8.GetBytes(Good + "cat\n"), "line 9 repeats the token 'cat' of line 8; every token must have one id");

    [Fact]
    public void An_empty_token_is_refused_with_its_line() =>
        ShouldBeRefused(Encoding.UTF8.GetBytes(Good.Replace("the\n", "\n")), "line 6 is empty*");

    [Fact]
    public void Invalid_utf8_is_refused_with_its_byte() =>
        ShouldBeRefused([.. Encoding.UTF8.GetBytes(Good), 0xC3, 0x28, (byte)'\n'], $"invalid UTF-8 at byte {Encoding.UTF8.GetByteCount(Good)}");

    [Fact]
    public void A_vocabulary_without_the_special_tokens_is_refused() =>
        ShouldBeRefused(Encoding.UTF8.GetBytes("the\ncat\n"), "the special token [PAD] is missing*");

    [Fact]
    public void A_bom_and_crlf_line_ends_are_read_as_the_plain_file()
    {
        var plain = Vocabulary.Load(Write(Encoding.UTF8.GetBytes(Good)));
        var windows = Vocabulary.Load(Write([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good.Replace("\n", "\r\n"))]));
        windows.Tokens.Should().Equal(plain.Tokens);
        windows.PaddingId.Should().Be(0);
    }
}
