using MacroLab.Data.Stages;
using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>Shows stage progress on the error console: a live bar on a terminal, plain lines when redirected.</summary>
internal static class SpectreProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string title, Func<IProgress<StageProgress>, Task<T>> work)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = await work(new Reporter(task, title));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Updates the task synchronously, so reports never arrive out of order.</summary>
    private sealed class Reporter(ProgressTask task, string title) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            task.Description = Markup.Escape($"{title}: {value.Step}");
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = Math.Min(value.Done, task.MaxValue);
        }
    }
}
