using MacroLab.Data.Stages;
using Spectre.Console;

namespace MacroLab.Cli;

/// <summary>Shows stage progress on the error console: a live bar on a terminal, plain lines when redirected.</summary>
internal static class SpectreProgress
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string title, Func<IProgress<StageProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await work(new LineReporter(console));
        }

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

    /// <summary>Redirected output: one plain line per step, e.g. <c>ingest: reading 2019-10.csv (10%)</c>.</summary>
    private sealed class LineReporter(IAnsiConsole console) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) =>
            console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{value.Stage}: {value.Step} ({100 * value.Done / Math.Max(1, value.Total)}%)"));
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
