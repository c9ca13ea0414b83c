using MacroLab.Transform;

if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(TransformJob.Help);
    return 0;
}

return await TransformJob.RunAsync(args, Console.Out).ConfigureAwait(false);
