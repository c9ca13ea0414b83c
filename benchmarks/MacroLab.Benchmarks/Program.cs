using BenchmarkDotNet.Running;
using MacroLab.Benchmarks;

// dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- load --url http://127.0.0.1:8080 --model macro_tilt --clients 16 --seconds 20
// dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- bare-server --onnx model.onnx --port 8081
// dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- pehe --seeds 5
return args.FirstOrDefault() switch
{
    "load" => await LoadRun.RunAsync(args[1..]),
    "bare-server" => await BareServer.RunAsync(args[1..]),
    "pehe" => PeheStudy.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
