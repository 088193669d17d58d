namespace DslNas.Runs;

/// <summary>
/// Where a run's teacher comes from: "none"; "pretrain" (a dense encoder of the space's largest uniform shape,
/// pre-trained with masked language modelling on the training texts of the built-in corpora and the task, and cached
/// for later runs); or a directory in Hugging Face's BERT layout. With a teacher, <see cref="InitializeSupernet"/>
/// starts the supernet (and the uniform baseline) from its weights instead of random ones. The teacher has its own
/// <see cref="Seed"/>, not the run's, so runs with other seeds (--seeds) share one teacher.
/// </summary>
public sealed record TeacherOptions(
    string Source = TeacherOptions.Pretrain,
    int Steps = 600,
    double LearningRate = 5e-4,
    int BatchSize = 32,
    bool InitializeSupernet = true,
    int Seed = 17)
{
    public const string None = "none";
    public const string Pretrain = "pretrain";

    public void Validate()
    {
        if (Source != None && Source != Pretrain && !Directory.Exists(Source))
            throw new ArgumentException($"--teacher '{Source}' is neither 'none', 'pretrain' nor a directory in the BERT layout");
        if (Steps < 1) throw new ArgumentException($"--teacher-steps must be positive, got {Steps}");
        if (LearningRate <= 0) throw new ArgumentException($"the teacher's learning rate must be positive, got {LearningRate}");
        if (BatchSize < 1) throw new ArgumentException($"the teacher's batch size must be positive, got {BatchSize}");
    }
}
