using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MacroLab.Telemetry;

/// <summary>
/// The hosts' log format: one JSON object per line (CloudWatch Logs and Logs Insights parse it as is), UTC timestamps in
/// one format, no scopes.
/// </summary>
public static class HostLogging
{
    /// <summary>The timestamp of every log line: ISO 8601 in UTC with milliseconds, e.g. <c>2026-12-07T16:30:00.123Z</c>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Replaces the console providers with MacroLab's JSON console.</summary>
    /// <param name="logging">The logging builder.</param>
    /// <param name="standardErrorOnly">
    /// Write every level to standard error, for a job whose standard output is its result (the features job); by default
    /// the console logger's own split applies.
    /// </param>
    public static ILoggingBuilder AddMacroLabJsonConsole(this ILoggingBuilder logging, bool standardErrorOnly = false)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = TimestampFormat;
            o.IncludeScopes = false;
        });
        if (standardErrorOnly)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return logging;
    }
}
