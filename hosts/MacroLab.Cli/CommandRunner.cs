using Amazon.Runtime;
using MacroLab.Backtest.Grid;
using MacroLab.Connectors.Fred;
using MacroLab.Data;
using MacroLab.Data.Storage;
using MacroLab.Hosting.Configuration;
using MacroLab.Hosting.Pipeline;
using MacroLab.Registry;
using Microsoft.Extensions.Options;

namespace MacroLab.Cli;

/// <summary>Runs a command body and turns every kind of failure into a clear message and its exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await Unwrapped(body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled; the lake is left as it was.");
            return ExitCodes.Cancelled;
        }
        catch (UsageException error)
        {
            console.Fail(error.Message);
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException error)
        {
            console.Fail(error.Message);
            return ExitCodes.Usage;
        }
        catch (Exception error) when (error is ConfigurationException or ConfigFileException)
        {
            console.Fail(error.Message);
            return ExitCodes.Config;
        }
        catch (Exception error) when (error is MissingStageOutputException or ModelNotFoundException or DatasetNotFoundException)
        {
            console.Fail(error.Message);
            return ExitCodes.NoInput;
        }
        catch (AmbiguousDatasetException error)
        {
            console.Fail(error.Message);
            return ExitCodes.Usage;
        }
        catch (RegistryConflictException error)
        {
            console.Fail(error.Message);
            return ExitCodes.Conflict;
        }
        catch (ArtifactIntegrityException error)
        {
            console.Fail(error.Message);
            return ExitCodes.DataError;
        }
        catch (DataFormatException error)
        {
            console.Fail(error.Message);
            return ExitCodes.DataError;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or ObjectNotFoundException)
        {
            console.Fail(error.Message);
            return ExitCodes.NoInput;
        }
        catch (FredApiException error)
        {
            console.Fail(error.Message);
            return error.StatusCode == System.Net.HttpStatusCode.BadRequest && error.Message.StartsWith("FRED has no series", StringComparison.Ordinal)
                ? ExitCodes.NoInput
                : ExitCodes.Unavailable;
        }
        catch (NoEligibleTrialException error)
        {
            console.Fail(error.Message);
            return ExitCodes.DataError;
        }
        catch (Exception error) when (error is ArgumentException or InvalidDataException)
        {
            console.Fail(error.Message);
            return ExitCodes.DataError;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or AmazonServiceException or AmazonClientException)
        {
            console.Fail(error.Message);
            return ExitCodes.IoError;
        }
        catch (Exception error)
        {
            console.Fail($"internal error, please report it with this text: {error}");
            return ExitCodes.Software;
        }
    }

    /// <summary>
    /// The body, with a failure that a parallel loop wrapped in an <see cref="AggregateException"/> rethrown as itself (the
    /// first one), so that it gets its own message and exit code.
    /// </summary>
    private static async Task<int> Unwrapped(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (AggregateException aggregate) when (aggregate.Flatten().InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(aggregate.Flatten().InnerExceptions[0]);
            throw;
        }
    }
}
