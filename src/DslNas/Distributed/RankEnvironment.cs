using System.Globalization;
using DslNas.Runs;

namespace DslNas.Distributed;

/// <summary>
/// Where this process sits among the ranks, as torchrun describes it in the environment: RANK, WORLD_SIZE,
/// MASTER_ADDR, MASTER_PORT and LOCAL_RANK (the rank on this machine). The same command runs on every machine;
/// MASTER_ADDR:MASTER_PORT is rank 0's rendezvous.
/// </summary>
public sealed record RankEnvironment(int Rank, int WorldSize, string MasterAddress, int MasterPort, int LocalRank)
{
    public const string RankVariable = "RANK";
    public const string WorldSizeVariable = "WORLD_SIZE";
    public const string MasterAddressVariable = "MASTER_ADDR";
    public const string MasterPortVariable = "MASTER_PORT";
    public const string LocalRankVariable = "LOCAL_RANK";

    /// <summary>The environment's ranks, or null when neither RANK nor WORLD_SIZE is set (a process of its own).</summary>
    public static RankEnvironment? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        if (read(RankVariable) is null && read(WorldSizeVariable) is null) return null;
        var worldSize = Int(read, WorldSizeVariable);
        var rank = Int(read, RankVariable);
        var environment = new RankEnvironment(rank, worldSize, read(MasterAddressVariable) ?? "127.0.0.1",
            read(MasterPortVariable) is null ? 29500 : Int(read, MasterPortVariable), read(LocalRankVariable) is null ? rank : Int(read, LocalRankVariable));
        environment.Validate();
        return environment;
    }

    public void Validate()
    {
        if (WorldSize < 1) throw new RunInputException($"{WorldSizeVariable}={WorldSize}: the world size must be at least 1");
        if (Rank < 0 || Rank >= WorldSize) throw new RunInputException($"{RankVariable}={Rank} lies outside the world of {WorldSizeVariable}={WorldSize} ranks (0..{WorldSize - 1})");
        if (MasterPort is < 1 or > 65535) throw new RunInputException($"{MasterPortVariable}={MasterPort} is not a port (1..65535)");
        if (LocalRank < 0) throw new RunInputException($"{LocalRankVariable}={LocalRank} must not be negative");
        if (string.IsNullOrWhiteSpace(MasterAddress)) throw new RunInputException($"{MasterAddressVariable} is empty: name rank 0's host");
    }

    /// <summary>The variables that put a child process at <paramref name="rank"/> of this world.</summary>
    public IReadOnlyDictionary<string, string> Variables(int rank, int localRank) => new Dictionary<string, string>
    {
        [RankVariable] = rank.ToString(CultureInfo.InvariantCulture),
        [WorldSizeVariable] = WorldSize.ToString(CultureInfo.InvariantCulture),
        [MasterAddressVariable] = MasterAddress,
        [MasterPortVariable] = MasterPort.ToString(CultureInfo.InvariantCulture),
        [LocalRankVariable] = localRank.ToString(CultureInfo.InvariantCulture),
    };

    private static int Int(Func<string, string?> read, string name)
    {
        var text = read(name) ?? throw new RunInputException($"{name} is not set: a distributed process needs {RankVariable} and {WorldSizeVariable} (and {MasterAddressVariable}, {MasterPortVariable})");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RunInputException($"{name}='{text}' is not an integer");
    }
}
