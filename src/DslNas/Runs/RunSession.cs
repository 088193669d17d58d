using System.Diagnostics;
using DslNas.Torch;

namespace DslNas.Runs;

/// <summary>
/// An opened run: its method's stages over one context. <see cref="Run"/> executes every stage that has not completed
/// (a killed run resumes); <see cref="RunStage"/> executes one stage alone once the stages before it have completed.
/// Each completed stage is recorded, with its time and the files it wrote, in the stages.json of its scope. The session
/// holds the run directory's lock (rank 0 of a distributed run holds it for all ranks) until it is disposed.
/// </summary>
public sealed class RunSession : IDisposable
{
    private readonly RunLock? runLock;

    internal RunSession(MethodDescriptor method, INasMethod instance, RunContext context, RunLock? runLock)
    {
        this.runLock = runLock;
        Method = method;
        Stages = instance.Stages;
        Context = context;
        var duplicate = Stages.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"method '{method.Name}' declares the stage '{duplicate.Key}' twice");
    }

    public MethodDescriptor Method { get; }
    public IReadOnlyList<MethodStage> Stages { get; }
    public RunContext Context { get; }

    public bool Completed(MethodStage stage) => StageLog.Load(LogOf(stage)).Any(r => r.Name == stage.Name);

    /// <summary>Every stage that has not completed yet, in order.</summary>
    public void Run()
    {
        foreach (var stage in Stages.Where(s => s.Reload || !Completed(s)).ToList())
            ExecuteAcrossRanks(stage);
        Context.World.Barrier("finishing the run");
    }

    /// <summary>One stage, after reloading what it needs; an earlier stage that has not completed is an error naming it.</summary>
    public void RunStage(string name)
    {
        var index = Stages.ToList().FindIndex(s => s.Name == name);
        if (index < 0)
            throw new RunInputException($"method '{Method.Name}' has no stage '{name}'; its stages: {string.Join(", ", Stages.Select(s => s.Name))}");
        var missing = Stages.Take(index).FirstOrDefault(s => !s.Reload && !Completed(s));
        if (missing is not null)
            throw new InvalidOperationException($"the stage '{missing.Name}' has not completed in {ScopePath(missing)}; run '{missing.Name}' first (or 'run' for every stage)");
        foreach (var earlier in Stages.Take(index).Where(s => s.Reload)) ExecuteAcrossRanks(earlier);
        ExecuteAcrossRanks(Stages[index]);
        Context.World.Barrier($"finishing the stage '{name}'");
    }

    /// <summary>Loads what the stages keep in memory (the data), for work outside the stages such as extraction.</summary>
    public void Reload()
    {
        foreach (var stage in Stages.Where(s => s.Reload)) ExecuteAcrossRanks(stage);
    }

    /// <summary>
    /// One stage over the run's ranks: a distributed stage on all at once; any other on rank 0 while the others wait
    /// for it, then (a reload stage) on the others, from the files rank 0 wrote.
    /// </summary>
    private void ExecuteAcrossRanks(MethodStage stage)
    {
        var world = Context.World;
        if (world.Size == 1 || stage.Distributed)
        {
            Execute(stage);
            return;
        }
        if (world.IsLeader)
        {
            Execute(stage);
            world.Signal("stage/" + stage.Name);
            return;
        }
        world.WaitForLeader("stage/" + stage.Name, $"the stage '{stage.Name}'");
        if (stage.Reload) Execute(stage);
    }

    private void Execute(MethodStage stage)
    {
        var directory = ScopePath(stage);
        var before = StageLog.Snapshot(directory);
        var clock = Stopwatch.StartNew();
        Context.Log($"stage {stage.Name}: {stage.Summary}");
        using (torch.matmul_precision(Context.Options.Precision)) stage.Run(Context);
        var seconds = clock.Elapsed.TotalSeconds;
        if (Context.World.IsLeader) StageLog.Record(LogOf(stage), new StageRecord(stage.Name, DateTime.UtcNow, seconds, StageLog.Written(directory, before)));
        Context.Log($"stage {stage.Name} done in {seconds:F1} s");
    }

    private string ScopePath(MethodStage stage) => stage.Scope == StageScope.Run ? Context.Directory.Path : Context.Search.Path;

    private string LogOf(MethodStage stage) => stage.Scope == StageScope.Run ? Context.Directory.Stages : Context.Search.Stages;

    public void Dispose()
    {
        Context.Dispose();
        runLock?.Dispose();
    }
}
