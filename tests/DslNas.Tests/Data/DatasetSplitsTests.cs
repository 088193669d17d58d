using System.IO.Compression;
using System.Text;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class DatasetSplitsTests
{
    private static List<LabelledExample> Examples(int ham, int spam) =>
        Enumerable.Range(0, ham).Select(i => new LabelledExample($"ham {i}", "ham"))
            .Concat(Enumerable.Range(0, spam).Select(i => new LabelledExample($"spam {i}", "spam"))).ToList();

    [Fact]
    public void Stratified_splits_keep_label_proportions_and_depend_only_on_the_seed()
    {
        var splits = DatasetSplits.Stratified("toy", Examples(700, 300), 0.1, 0.2, seed: 5);
        splits.Test.Should().HaveCount(200);
        splits.Test.Count(e => e.Label == "spam").Should().Be(60);
        splits.Validation.Count(e => e.Label == "spam").Should().Be(30);
        splits.Train.Should().HaveCount(700);
        splits.Train.Concat(splits.Validation).Concat(splits.Test).Select(e => e.Text).Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        var again = DatasetSplits.Stratified("toy", Examples(700, 300), 0.1, 0.2, seed: 5);
        again.Test.Should().Equal(splits.Test);
        DatasetSplits.Stratified("toy", Examples(700, 300), 0.1, 0.2, seed: 6).Test.Should().NotEqual(splits.Test);
        splits.Labels.Should().Equal("ham", "spam");
    }

    [Fact]
    public void Saved_splits_load_back_equal()
    {
        var splits = DatasetSplits.Stratified("toy", Examples(50, 30), 0.2, 0.2, seed: 1);
        using var stream = new MemoryStream();
        splits.Save(stream);
        stream.Position = 0;
        var loaded = DatasetSplits.Load(stream, "toy");
        loaded.Train.Should().Equal(splits.Train);
        loaded.Validation.Should().Equal(splits.Validation);
        loaded.Test.Should().Equal(splits.Test);
    }

    private static Stream Gzip(byte[] content)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionMode.Compress, leaveOpen: true)) gzip.Write(content);
        stream.Position = 0;
        return stream;
    }

    [Theory]
    [InlineData("{\"split\":\"train\",\"label\":\"a\",\"text\":\"x\"}\nnot json\n", "*bad.jsonl.gz, line 2*JSON*")]
    [InlineData("{\"split\":\"train\",\"label\":\"a\"}\n", "*line 1*split, label and text*")]
    [InlineData("{\"split\":\"dev\",\"label\":\"a\",\"text\":\"x\"}\n", "*line 1*unknown split 'dev'*")]
    [InlineData("{\"split\":\"train\",\"label\":\"a\",\"text\":\"x\"}\n{\"split\":\"validation\",\"label\":\"a\",\"text\":\"x\"}\n", "*test split is empty*")]
    [InlineData("{\"split\":\"train\",\"label\":\"a\",\"text\":\"x\"}\n{\"split\":\"validation\",\"label\":\"a\",\"text\":\"x\"}\n{\"split\":\"test\",\"label\":\"b\",\"text\":\"x\"}\n", "*test split has the label 'b'*")]
    public void Malformed_prepared_files_are_refused_naming_the_line(string content, string message)
    {
        FluentActions.Invoking(() => DatasetSplits.Load(Gzip(Encoding.UTF8.GetBytes(content)), "bad.jsonl.gz"))
            .Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"split\":\"train\",\"label\":\"a\",\"text\":\"x\"}\n{\"split\":\"train\",\"label\":\"a\",\"text\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        FluentActions.Invoking(() => DatasetSplits.Load(Gzip(bytes), "bad.jsonl.gz")).Should().Throw<InvalidDataException>().WithMessage("*bad.jsonl.gz*UTF-8*");
    }

    [Fact]
    public void The_shipped_spam_assassin_set_has_its_documented_shape()
    {
        var splits = SpamAssassin.Shipped();
        splits.Labels.Should().Equal("ham", "spam");
        (splits.Train.Count + splits.Validation.Count + splits.Test.Count).Should().BeInRange(5500, 6100);
        splits.Test.Count(e => e.Label == "spam").Should().BeCloseTo((int)(splits.Test.Count * 0.3), 20);
        splits.Train.Should().OnlyContain(e => e.Text.Length > 0 && e.Text.Length <= SpamAssassin.MaxCharacters);
    }

    [Fact]
    public void Preparing_from_a_directory_that_is_not_the_package_names_it()
    {
        FluentActions.Invoking(() => SpamAssassin.Prepare("/nonexistent/package")).Should().Throw<DirectoryNotFoundException>().WithMessage("*/nonexistent/package*data/*");
    }
}
