using MacroLab.Worker;
using Microsoft.Extensions.Hosting;

if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(WorkerHost.Usage);
    return 0;
}

try
{
    using IHost host = WorkerHost.Build(args);
    await host.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync($"MacroLab.Worker: {error.Message}").ConfigureAwait(false);
    return 64; // EX_USAGE
}
