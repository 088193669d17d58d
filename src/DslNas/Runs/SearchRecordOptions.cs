using DslNas.Artifacts;
using DslNas.Hardware;
using DslNas.Search;

namespace DslNas.Runs;

/// <summary>
/// search.json: the options a search was asked for (its budget as given: milliseconds, or a fraction of the largest
/// architecture's latency) and, once measured, the resolved budget in milliseconds with the meter settings it was
/// resolved with. The budget is resolved once, so a killed search resumes with it whichever way it was given.
/// </summary>
public sealed record SearchRecordOptions(SearchOptions Search, LatencyOptions Latency, double? BudgetMs = null, LatencyMeterSettings? BudgetSettings = null)
{
    /// <summary>Whether this record was asked for with the same options.</summary>
    public bool SameRequest(SearchRecordOptions other) => Search == other.Search && Latency == other.Latency;

    public void Save(string path) => JsonArtifact.Save(path, this);

    public static SearchRecordOptions Load(string path) => JsonArtifact.Load<SearchRecordOptions>(path, "search record", "there is no search record here");
}
