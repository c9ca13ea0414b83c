using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MacroLab.Benchmarks;

/// <summary>
/// A closed-loop HTTP load run: N clients on keep-alive connections send batch-1 (or batch-B) inference requests back to back
/// for a fixed time after a warm-up; reports throughput and latency percentiles. The server runs in its own process
/// (`macrolab serve`, or `bare-server` here for the reference minimal API).
/// <code>dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- load --url http://127.0.0.1:8080 --model macro_tilt --clients 16 --seconds 20</code>
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string url = Arg(args, "--url", "http://127.0.0.1:8080");
        string model = Arg(args, "--model", "macro_tilt");
        string path = Arg(args, "--path", $"/v2/models/{model}/infer");
        int clients = int.Parse(Arg(args, "--clients", "16"), CultureInfo.InvariantCulture);
        int seconds = int.Parse(Arg(args, "--seconds", "20"), CultureInfo.InvariantCulture);
        int warmup = int.Parse(Arg(args, "--warmup", "3"), CultureInfo.InvariantCulture);
        int batch = int.Parse(Arg(args, "--batch", "1"), CultureInfo.InvariantCulture);
        int features = int.Parse(Arg(args, "--features", "0"), CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        if (features == 0)
        {
            using JsonDocument metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/v2/models/{model}", UriKind.Relative)));
            JsonElement shape = metadata.RootElement.GetProperty("inputs")[0].GetProperty("shape");
            features = shape[shape.GetArrayLength() - 1].GetInt32();
        }

        byte[] body = ApiRequestBenchmarks.Body(batch, features, new Random(1));
        var uri = new Uri(path, UriKind.Relative);
        long warmupEnd = Stopwatch.GetTimestamp() + (warmup * Stopwatch.Frequency), end = warmupEnd + (seconds * Stopwatch.Frequency);
        var latencies = new List<long>[clients];
        var errors = new int[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<long>(1 << 20);
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                if (start >= end)
                {
                    break;
                }

                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await http.PostAsync(uri, content);
                await response.Content.CopyToAsync(Stream.Null);
                long stop = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    errors[c]++;
                }
                else if (start >= warmupEnd)
                {
                    mine.Add(stop - start);
                }
            }
        })));

        long[] all = [.. latencies.SelectMany(l => l)];
        Array.Sort(all);
        double Ms(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{url}{path} batch {batch} x {features}, {clients} clients, {seconds} s after {warmup} s warm-up: ");
        report.Append(CultureInfo.InvariantCulture, $"{all.Length / (double)seconds:F0} req/s, p50 {Ms(0.50):F3} ms, p90 {Ms(0.90):F3} ms, p99 {Ms(0.99):F3} ms, p99.9 {Ms(0.999):F3} ms, max {Ms(1):F3} ms, errors {errors.Sum()}");
        Console.WriteLine(report.ToString());
        return errors.Sum() == 0 ? 0 : 1;
    }

    internal static string Arg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
