namespace MacroLab.Cli;

/// <summary>The exit codes of <c>macrolab</c>, after BSD's sysexits.h so that scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>
    /// <c>macrolab run</c> finished, but the model failed a promotion gate: it is registered with its gate report and does
    /// not get the champion alias. The summary says which gates failed and why.
    /// </summary>
    public const int Rejected = 3;

    /// <summary>
    /// <c>macrolab run</c> stopped before training (<c>--until monitor</c>, for a monitoring schedule) and the retraining
    /// policy asks for a new run: run the rest of the pipeline.
    /// </summary>
    public const int RetrainAsked = 6;

    /// <summary>The command line is wrong: unknown verb or option, missing or invalid value.</summary>
    public const int Usage = 64;

    /// <summary>Input data is malformed; the message names file, line, column and text. Nothing was written.</summary>
    public const int DataError = 65;

    /// <summary>An input file or dataset does not exist.</summary>
    public const int NoInput = 66;

    /// <summary>A remote service (the FRED API) kept failing or refused the request; nothing was written, and a later retry may succeed.</summary>
    public const int Unavailable = 69;

    /// <summary>An unexpected internal error (a bug: please report it).</summary>
    public const int Software = 70;

    /// <summary>Reading or writing the lake or a file failed.</summary>
    public const int IoError = 74;

    /// <summary>A concurrent change won (an alias moved since it was read); nothing was changed, and a retry may succeed.</summary>
    public const int Conflict = 75;

    /// <summary>The configuration file is malformed or a value is invalid; the message names the file, line and field.</summary>
    public const int Config = 78;

    /// <summary>Interrupted (Ctrl+C or SIGTERM); the lake is left as it was.</summary>
    public const int Cancelled = 130;

    public const string Help =
        "Exit codes: 0 success, 3 model rejected by its gates (registered, not promoted), 4 drift found (drift --fail-on-drift), 5 book underperforming (track --fail-on-underperformance), 6 retraining asked (run --until monitor), 64 usage error, 65 malformed input data, 66 missing input, 69 service unavailable (fetch), " +
        "70 internal error, 74 I/O error, 75 concurrent change (retry), 78 invalid configuration, 130 cancelled.";
}
