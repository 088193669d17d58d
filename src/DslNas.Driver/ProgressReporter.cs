using Spectre.Console;

namespace DslNas.Driver;

/// <summary>
/// Progress of long work: a Spectre.Console bar with elapsed time and ETA on a terminal, and a line every tenth of
/// the way (with ETA) when output is redirected.
/// </summary>
internal static class ProgressReporter
{
    public static T Run<T>(string description, Func<Action<int, int, string?>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lastTenth = -1;
            return work((done, total, detail) =>
            {
                var tenth = total == 0 ? 10 : done * 10 / total;
                if (tenth == lastTenth) return;
                lastTenth = tenth;
                var eta = done == 0 ? TimeSpan.Zero : clock.Elapsed / done * (total - done);
                Console.WriteLine($"  {description}: {done}/{total}  elapsed {clock.Elapsed:mm\\:ss}  eta {eta:mm\\:ss}{(detail is null ? "" : "  " + detail)}");
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description);
                result = work((done, total, detail) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    if (detail is not null) task.Description = $"{description} [grey]{Markup.Escape(detail)}[/]";
                });
            });
        return result;
    }
}
