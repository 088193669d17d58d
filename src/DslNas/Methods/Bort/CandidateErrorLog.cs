using System.Text;
using System.Text.Json;
using DslNas.Artifacts;

namespace DslNas.Methods.Bort;

/// <summary>
/// errors.jsonl: the trained candidates' errors, a line each in the order they were trained, so a killed search resumes
/// without training them again. Every new error rewrites the file atomically, so a kill leaves the lines before it or
/// after it, never a line cut short; a damaged line is refused, naming the file and the line.
/// </summary>
internal sealed class CandidateErrorLog
{
    private readonly string path;
    private readonly List<CandidateError> lines = [];
    private readonly Dictionary<int, CandidateError> byIndex = [];

    private CandidateErrorLog(string path) => this.path = path;

    public IReadOnlyDictionary<int, CandidateError> Known => byIndex;

    public static CandidateErrorLog Open(string path)
    {
        var log = new CandidateErrorLog(path);
        if (!File.Exists(path)) return log;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            CandidateError? error;
            try
            {
                error = JsonSerializer.Deserialize<CandidateError>(line, JsonArtifact.Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {number} is not a candidate's error ({e.Message}); delete the file to train every candidate again", e);
            }
            log.Remember(error ?? throw new InvalidDataException($"{path}: line {number} is null, not a candidate's error"));
        }
        return log;
    }

    public void Append(CandidateError error)
    {
        Remember(error);
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(JsonSerializer.Serialize(line)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private void Remember(CandidateError error)
    {
        lines.Add(error);
        byIndex[error.Index] = error;
    }
}
