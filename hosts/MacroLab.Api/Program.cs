using MacroLab.Api;

// Configuration: MacroLab:Serving:Model (required), MacroLab:Data:Lake, MacroLab:Registry:*; see README.md.
await ApiHost.RunAsync(args);
