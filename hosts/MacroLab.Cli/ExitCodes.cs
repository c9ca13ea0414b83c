namespace MacroLab.Cli;

/// <summary>The exit codes of <c>macrolab</c>, after BSD's sysexits.h so that scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: unknown verb or option, missing or invalid value.</summary>
    public const int Usage = 64;

    /// <summary>Input data is malformed; the message names file, line, column and text. Nothing was written.</summary>
    public const int DataError = 65;

    /// <summary>An input file or dataset does not exist.</summary>
    public const int NoInput = 66;

    /// <summary>An unexpected internal error (a bug: please report it).</summary>
    public const int Software = 70;

    /// <summary>Reading or writing the lake or a file failed.</summary>
    public const int IoError = 74;

    /// <summary>Interrupted (Ctrl+C or SIGTERM); the lake is left as it was.</summary>
    public const int Cancelled = 130;

    public const string Help = "Exit codes: 0 success, 64 usage error, 65 malformed input data, 66 missing input, 70 internal error, 74 I/O error, 130 cancelled.";
}
