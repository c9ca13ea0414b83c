namespace MacroLab.Trials;

/// <summary>
/// Where distributed trials live in the object store: <c>&lt;prefix&gt;/&lt;experiment&gt;/workload.bin</c> (the shared
/// data and options, written once), <c>&lt;prefix&gt;/&lt;experiment&gt;/&lt;trial id&gt;.json</c> (each result, written
/// once, first writer wins) and <c>&lt;prefix&gt;/&lt;experiment&gt;/failures/&lt;trial id&gt;.json</c> (final failures).
/// </summary>
internal static class TrialLayout
{
    public static string Experiment(string prefix, string experiment) => $"{prefix.TrimEnd('/')}/{experiment}/";

    public static string Workload(string prefix, string experiment) => $"{Experiment(prefix, experiment)}workload.bin";

    public static string Failure(string prefix, string experiment, string trialId) => $"{Experiment(prefix, experiment)}failures/{trialId}.json";

    /// <summary>Prefixes and experiments become object keys: letters, digits and <c>-_./</c> only, no empty segment.</summary>
    public static string RequireSafe(string value, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, what);
        string trimmed = value.Trim('/');
        bool safe = trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            && !trimmed.Split('/').Any(s => s.Length == 0 || s is "." or "..");
        return safe ? trimmed : throw new ArgumentException($"{what} '{value}' must be letters, digits and -_./ in non-empty segments.", what);
    }
}
