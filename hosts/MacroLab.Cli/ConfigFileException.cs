namespace MacroLab.Cli;

/// <summary>A backtest or training configuration file that cannot be used (exit 78, as for the pipeline's): the message names the file and the field.</summary>
internal sealed class ConfigFileException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Reads or checks a configuration file, turning what its reader refuses into a <see cref="ConfigFileException"/>.</summary>
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException or System.Text.Json.JsonException or FormatException)
        {
            throw new ConfigFileException(error.Message, error);
        }
    }
}
