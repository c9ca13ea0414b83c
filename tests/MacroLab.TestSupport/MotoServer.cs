using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace MacroLab.TestSupport;

/// <summary>
/// A real AWS emulator for integration tests: <c>moto_server</c> started on a free port of 127.0.0.1 for the lifetime of a
/// test collection, killed afterwards. Where moto_server is not installed, tests skip with the reason, unless
/// <c>MACROLAB_REQUIRE_MOTO=1</c> (set by .ci/run), which makes a missing emulator a failure.
/// </summary>
/// <remarks>
/// moto's server runs requests on parallel threads without locks, so concurrent conditional writes race in ways AWS never
/// allows. When <c>python3</c> can import moto, the server is started through <c>serial_moto_server.py</c>, which lets
/// one request at a time into moto and so restores AWS's per-request atomicity; <see cref="Serialized"/> says whether it was.
/// </remarks>
public sealed class MotoServer : IAsyncLifetime
{
    public const string RequireVariable = "MACROLAB_REQUIRE_MOTO";

    private Process? _process;
    private int _buckets;

    /// <summary>The emulator's endpoint, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The path of moto_server on PATH, or null.</summary>
    public static string? Executable { get; } = FindOnPath("moto_server");

    /// <summary>Whether requests are applied one at a time, atomically, as AWS does (see the remarks).</summary>
    public bool Serialized { get; private set; }

    /// <summary>Whether a missing emulator must fail the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string SkipReason =>
        $"moto_server is not installed (pip install \"moto[server]\"); set {RequireVariable}=1 to make this a failure.";

    /// <summary>Skips the calling test when the emulator is missing and not required.</summary>
    public static void SkipIfUnavailable() => Skip.If(Executable is null && !Required, SkipReason);

    public async Task InitializeAsync()
    {
        if (Executable is null)
        {
            if (Required)
            {
                throw new InvalidOperationException($"{RequireVariable}=1 but moto_server is not on PATH.");
            }

            return;
        }

        int port = FreePort();
        string portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string wrapper = Path.Combine(AppContext.BaseDirectory, "serial_moto_server.py");
        Serialized = File.Exists(wrapper) && await PythonImportsMotoAsync();
        var start = new ProcessStartInfo(Serialized ? "python3" : Executable, Serialized ? [wrapper, "-H", "127.0.0.1", "-p", portText] : ["-H", "127.0.0.1", "-p", portText])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_PORT"] = portText;
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = $"http://127.0.0.1:{port}";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri($"{Endpoint}/moto-api/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"moto_server did not answer on {Endpoint} within 60 s.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    public AmazonS3Client CreateS3Client() => new(new BasicAWSCredentials("testing", "testing"), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
    });

    public AmazonDynamoDBClient CreateDynamoDbClient() => new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig
    {
        ServiceURL = Endpoint,
        AuthenticationRegion = "us-east-1",
    });

    /// <summary>Creates a new, empty bucket with a unique name.</summary>
    public async Task<string> CreateBucketAsync(IAmazonS3 client)
    {
        string bucket = $"macrolab-test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..40];
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    private static async Task<bool> PythonImportsMotoAsync()
    {
        try
        {
            using Process? probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import moto.server, moto.moto_server.werkzeug_app"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (probe is null)
            {
                return false;
            }

            await probe.WaitForExitAsync();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no python3 on PATH
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
