using System.Text.Json;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class StateOfTheUnionTests : IDisposable
{
    private readonly string package = Directory.CreateTempSubdirectory("dslnas-sotu").FullName;

    public void Dispose() => Directory.Delete(package, recursive: true);

    private static string Words(int count, string stem) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{stem}{i}"));

    /// <summary>Writes an address as the package does: data/YEAR_PRESIDENT_PARTY.json beside a .txt copy of its text.</summary>
    private void Address(int year, string president, int words, string party = "none")
    {
        var data = Directory.CreateDirectory(Path.Combine(package, "data")).FullName;
        var stem = $"{year}_{president.ToLowerInvariant().Replace(' ', '_')}_n";
        var text = Words(words, $"y{year}{president[0]}w");
        File.WriteAllText(Path.Combine(data, stem + ".json"), JsonSerializer.Serialize(new { year, name = president, party, text }));
        File.WriteAllText(Path.Combine(data, stem + ".txt"), text + "\n");
    }

    /// <summary>Ten addresses in each of three quarter centuries, of 300 to 1,200 words.</summary>
    private void ThreeEras()
    {
        foreach (var start in new[] { 1790, 1850, 1990 })
            for (var i = 0; i < 10; i++)
                Address(start + i, $"President {start + i}", 300 + 100 * i);
    }

    [Theory]
    [InlineData(1790, "1775-1799")]
    [InlineData(1799, "1775-1799")]
    [InlineData(1800, "1800-1824")]
    [InlineData(1824, "1800-1824")]
    [InlineData(1825, "1825-1849")]
    [InlineData(1961, "1950-1974")]
    [InlineData(2021, "2000-2024")]
    public void An_era_is_the_quarter_century_of_the_year(int year, string era)
    {
        StateOfTheUnion.Era(year).Should().Be(era);
    }

    [Fact]
    public void The_package_layout_is_read_into_addresses_in_year_order()
    {
        Address(1862, "Abraham Lincoln", 400, "Republican");
        Address(1790, "George Washington", 200);
        Address(1961, "John F Kennedy", 160, "Democratic");
        Address(1961, "Dwight D Eisenhower", 170, "Republican");
        var addresses = StateOfTheUnion.ReadAddresses(package);
        addresses.Select(a => a.Source).Should().Equal("1790 George Washington", "1862 Abraham Lincoln", "1961 Dwight D Eisenhower", "1961 John F Kennedy");
        addresses[1].Should().Be(new StateOfTheUnionAddress(1862, "Abraham Lincoln", "Republican", Words(400, "y1862Aw")));
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(40, new[] { 40 })]
    [InlineData(149, new[] { 149 })]
    [InlineData(150, new[] { 150 })]
    [InlineData(299, new[] { 299 })]
    [InlineData(300, new[] { 150, 150 })]
    [InlineData(451, new[] { 151, 150, 150 })]
    [InlineData(980, new[] { 164, 164, 163, 163, 163, 163 })]
    public void Texts_are_cut_into_near_equal_pieces_of_at_least_150_words_keeping_every_word(int words, int[] lengths)
    {
        var text = Words(words, "w").Replace(" w1 ", "\n w1\t ");
        var chunks = StateOfTheUnion.Chunks(text);
        chunks.Select(c => c.Split(' ').Length).Should().Equal(lengths);
        string.Join(' ', chunks).Should().Be(Words(words, "w"));
    }

    [Fact]
    public void Prepared_pieces_are_labelled_with_their_address_era_and_no_address_is_in_two_splits()
    {
        ThreeEras();
        var splits = StateOfTheUnion.Prepare(package, seed: 3);
        splits.Labels.Should().Equal("1775-1799", "1850-1874", "1975-1999");
        var all = splits.Train.Concat(splits.Validation).Concat(splits.Test).ToList();
        all.Should().OnlyContain(e => e.Label == StateOfTheUnion.Era(int.Parse(e.Source!.Substring(0, 4))) && e.Text.StartsWith($"y{e.Source.Substring(0, 4)}"));
        all.Should().HaveCount(Enumerable.Range(0, 10).Sum(i => (300 + 100 * i) / 150) * 3);
        all.Select(e => e.Text).Should().OnlyHaveUniqueItems();
        var sourcesPerSplit = new[] { splits.Train, splits.Validation, splits.Test }.Select(s => s.Select(e => e.Source).Distinct().ToList()).ToList();
        sourcesPerSplit.SelectMany(s => s).Should().OnlyHaveUniqueItems().And.HaveCount(30);
        sourcesPerSplit.Select(s => s.Count).Should().Equal(24, 3, 3);
        foreach (var split in new[] { splits.Train, splits.Validation, splits.Test })
            split.Select(e => e.Label).Distinct().Should().BeEquivalentTo(splits.Labels);
    }

    [Fact]
    public void Preparing_is_deterministic_for_a_seed()
    {
        ThreeEras();
        var first = StateOfTheUnion.Prepare(package, seed: 3);
        var again = StateOfTheUnion.Prepare(package, seed: 3);
        again.Train.Should().Equal(first.Train);
        again.Validation.Should().Equal(first.Validation);
        again.Test.Should().Equal(first.Test);
        StateOfTheUnion.Prepare(package, seed: 4).Test.Select(e => e.Source).Distinct().Should().NotEqual(first.Test.Select(e => e.Source).Distinct());
    }

    [Fact]
    public void A_directory_that_is_not_the_package_is_named()
    {
        FluentActions.Invoking(() => StateOfTheUnion.Prepare("/nonexistent/package")).Should().Throw<DirectoryNotFoundException>().WithMessage("*/nonexistent/package*data/*");
        Directory.CreateDirectory(Path.Combine(package, "data"));
        FluentActions.Invoking(() => StateOfTheUnion.Prepare(package)).Should().Throw<InvalidDataException>().WithMessage("*data: no addresses*YEAR_PRESIDENT_PARTY.json*");
    }

    [Theory]
    [InlineData("{\"year\": 1790, \"name\": \"A\", \"party\": \"none\", \"text\": \"x\"", "*1790_a_n.json: not valid JSON*")]
    [InlineData("[1790]", "*1790_a_n.json: expected a JSON object*")]
    [InlineData("{\"year\": \"1790\", \"name\": \"A\", \"party\": \"none\", \"text\": \"x\"}", "*1790_a_n.json: expected a positive whole number 'year'*")]
    [InlineData("{\"year\": 1790, \"party\": \"none\", \"text\": \"x\"}", "*1790_a_n.json: expected a non-empty string 'name'*")]
    [InlineData("{\"year\": 1790, \"name\": \"A\", \"party\": \"none\", \"text\": \" \"}", "*1790_a_n.json: expected a non-empty string 'text'*")]
    public void A_malformed_address_file_is_named_with_what_was_expected(string content, string message)
    {
        Address(1791, "B", 10);
        File.WriteAllText(Path.Combine(package, "data", "1790_a_n.json"), content);
        FluentActions.Invoking(() => StateOfTheUnion.ReadAddresses(package)).Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void Two_files_of_one_address_are_refused()
    {
        Address(1790, "A", 10);
        File.Copy(Path.Combine(package, "data", "1790_a_n.json"), Path.Combine(package, "data", "1790_a_x.json"));
        FluentActions.Invoking(() => StateOfTheUnion.ReadAddresses(package)).Should().Throw<InvalidDataException>()
            .WithMessage("*1790_a_x.json: a second address of 1790 A (the first is *1790_a_n.json)");
    }
}
