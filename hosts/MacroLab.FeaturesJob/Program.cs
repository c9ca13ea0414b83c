using MacroLab.FeaturesJob;

if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(FeaturesJob.Help);
    return 0;
}

return await FeaturesJob.RunAsync(args, Console.Out).ConfigureAwait(false);
