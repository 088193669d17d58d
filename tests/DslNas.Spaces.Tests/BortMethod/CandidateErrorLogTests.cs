using DslNas.Methods.Bort;

namespace DslNas.Spaces.Tests.BortMethod;

public sealed class CandidateErrorLogTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("dslnas-errors").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    [Fact]
    public void Errors_are_kept_in_training_order_and_read_back_by_a_resumed_search()
    {
        var path = PathOf("errors.jsonl");
        var log = CandidateErrorLog.Open(path);
        log.Known.Should().BeEmpty();
        log.Append(new CandidateError(4, 3.25, 0.5));
        log.Append(new CandidateError(1, 2.5, 0.75));

        File.ReadAllLines(path).Should().Equal("{\"Index\":4,\"Error\":3.25,\"Seconds\":0.5}", "{\"Index\":1,\"Error\":2.5,\"Seconds\":0.75}");
        var resumed = CandidateErrorLog.Open(path);
        resumed.Known.Should().HaveCount(2);
        resumed.Known[4].Should().Be(new CandidateError(4, 3.25, 0.5));
        resumed.Append(new CandidateError(7, 1.0, 0.25));
        File.ReadAllLines(path).Should().HaveCount(3).And.EndWith("{\"Index\":7,\"Error\":1,\"Seconds\":0.25}");
        File.Exists(path + ".tmp").Should().BeFalse();
    }

    [Theory]
    [InlineData("{\"Index\":4,\"Error\":3.25,\"Seconds\":0.5}\n{\"Index\":1,\"Err", "line 2 is not a candidate's error")]
    [InlineData("{\"Index\":4,\"Seconds\":0.5}\n", "line 1 is not a candidate's error")]
    [InlineData("null\n", "line 1 is null")]
    public void A_damaged_line_is_refused_naming_the_file_and_the_line(string text, string fault)
    {
        var path = PathOf("errors.jsonl");
        File.WriteAllText(path, text);

        var open = () => CandidateErrorLog.Open(path);

        open.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(path).And.Contain(fault);
    }
}
