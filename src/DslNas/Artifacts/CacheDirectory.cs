namespace DslNas.Artifacts;

/// <summary>Where DslNas keeps what it reuses across runs (teachers, latency tables): $DSLNAS_CACHE, or ~/.cache/dslnas.</summary>
public static class CacheDirectory
{
    public static string Root =>
        Environment.GetEnvironmentVariable("DSLNAS_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dslnas");
}
