using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace MacroLab.Worker.Tests;

/// <summary>A real <c>MacroLab.Worker</c> process (the built host, run with <c>dotnet</c>), configured by environment, its JSON log lines captured.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _lines = new();
    private readonly ConcurrentQueue<string> _raw = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; private init; } = string.Empty;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything it printed, for failure messages.</summary>
    public string Output => string.Join('\n', _raw);

    /// <summary>The path of the worker's entry assembly, built beside the tests through the project reference.</summary>
    public static string EntryAssembly
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "MacroLab.Worker.dll");
            return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
                ? path
                : throw new FileNotFoundException($"The worker host is not built beside the tests: {path} (or its runtimeconfig.json) is missing.");
        }
    }

    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [EntryAssembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["MacroLab__Worker__WorkerId"] = name;
        foreach ((string key, string value) in settings)
        {
            start.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.")) { Name = name };
    }

    /// <summary>The log lines whose message matches <paramref name="eventId"/> (the worker's LoggerMessage ids).</summary>
    public IReadOnlyList<JsonElement> Events(int eventId) =>
        [.. _lines.Where(l => l.TryGetProperty("EventId", out JsonElement id) && id.GetInt32() == eventId)];

    public async Task<JsonElement> WaitForEventAsync(int eventId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Events(eventId) is [var first, ..])
            {
                return first;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Worker {Name} exited with {_process.ExitCode} before event {eventId}:\n{Output}");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Worker {Name} logged no event {eventId} within {timeout}:\n{Output}");
    }

    /// <summary>Kills the process at once (SIGKILL): no drain, no cleanup, as a node failure or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Sends SIGTERM, as Kubernetes does when it stops a pod.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _raw.Enqueue(line);
        if (line.StartsWith('{'))
        {
            try
            {
                _lines.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
            }
        }
    }
}
