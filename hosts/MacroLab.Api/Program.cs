namespace MacroLab.Api;

/// <summary>The API process. Configuration: <c>MacroLab:Serving:Model</c> (required), <c>MacroLab:Data:Lake</c>, <c>MacroLab:Registry:*</c>; see README.md.</summary>
internal static class Program
{
    private static Task Main(string[] args) => ApiHost.RunAsync(args);
}
