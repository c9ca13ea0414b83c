using MacroLab.Cli;

// Ctrl+C and SIGTERM cancel the running stage; stages leave the lake as it was.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await MacroLabCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
