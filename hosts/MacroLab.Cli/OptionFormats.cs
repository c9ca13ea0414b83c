using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MacroLab.Cli;

/// <summary>
/// Gives every typed option and argument of the command tree a parser whose error says what was expected (System.CommandLine's
/// own names the .NET type, <c>System.Nullable`1[System.Int32]</c>), and refuses a folder where a file is meant, or a file
/// where a folder is meant, naming the path.
/// </summary>
internal static class OptionFormats
{
    public static void Apply(Command command)
    {
        foreach (Option option in command.Options)
        {
            Apply(option);
        }

        foreach (Argument argument in command.Arguments)
        {
            Apply(argument);
        }

        foreach (Command child in command.Subcommands)
        {
            Apply(child);
        }
    }

    private static void Apply(Symbol symbol)
    {
        switch (symbol)
        {
            case Option<int> o:
                o.CustomParser = r => Parse(r, o.Name, Integer, "a whole number, e.g. 124");
                break;
            case Option<int?> o:
                o.CustomParser = r => Parse<int?>(r, o.Name, t => Integer(t), "a whole number, e.g. 124");
                break;
            case Option<double> o:
                o.CustomParser = r => Parse(r, o.Name, Number, "a number, e.g. 0.5 or 1e-4");
                break;
            case Option<double?> o:
                o.CustomParser = r => Parse<double?>(r, o.Name, t => Number(t), "a number, e.g. 0.5 or 1e-4");
                break;
            case Option<DateTimeOffset?> o:
                o.CustomParser = r => Parse<DateTimeOffset?>(r, o.Name, t => Time(t), "an ISO 8601 date or time, e.g. 2024-01-31 or 2024-01-31T12:00:00Z");
                break;
            case Option<FileInfo> o:
                o.Validators.Add(r => RequireFile(r, o.Name));
                break;
            case Argument<FileInfo> a:
                a.Validators.Add(r => RequireFile(r, a.Name));
                break;
            case Option<DirectoryInfo> o:
                o.Validators.Add(r => RequireFolder(r, o.Name));
                break;
            default:
                break;
        }
    }

    private static T? Parse<T>(ArgumentResult result, string name, Func<string, T> parse, string expected)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            result.AddError($"{name} expects {expected}, not '{text}'.");
            return default;
        }
    }

    private static int Integer(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : throw new FormatException();

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : throw new FormatException();

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value) ? value : throw new FormatException();

    private static void RequireFile(SymbolResult result, string name)
    {
        foreach (Token token in result.Tokens)
        {
            if (Directory.Exists(token.Value))
            {
                result.AddError($"{name} {Path.GetFullPath(token.Value)} is a folder; give a file.");
            }
        }
    }

    private static void RequireFolder(SymbolResult result, string name)
    {
        foreach (Token token in result.Tokens)
        {
            if (File.Exists(token.Value))
            {
                result.AddError($"{name} {Path.GetFullPath(token.Value)} is a file; give a folder.");
            }
        }
    }
}
