using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
