namespace MacroLab.Cli;

/// <summary>An option value that parses but makes no sense; reported with exit code 64.</summary>
internal sealed class UsageException(string message) : Exception(message);
