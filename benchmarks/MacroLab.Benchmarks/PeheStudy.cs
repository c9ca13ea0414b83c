using System.Diagnostics;
using System.Globalization;
using MacroLab.Causal;
using MacroLab.Causal.Learners;
using MacroLab.Causal.MetaLearners;
using MacroLab.Causal.Tests;

namespace MacroLab.Benchmarks;

/// <summary>
/// The accuracy study of the meta-learners: PEHE (root mean squared error of the estimated effect against the true one,
/// on a fresh test sample of the same size) for every meta-learner and base-learner choice on every synthetic design, the
/// mean over seeds, against two constant effects (the unadjusted difference in means, and the X-Learner's own ATE).
/// Prints a Markdown table for RESULTS.md.
/// <code>dotnet run -c Release --project benchmarks/MacroLab.Benchmarks -- pehe [--seeds 5]</code>
/// </summary>
internal static class PeheStudy
{
    private static readonly (char Setup, int Rows, string Description)[] Studies =
    [
        ('R', 4000, "rare treatment (e = 0.05), Friedman control outcome, linear effect"),
        ('L', 1000, "everything linear, balanced"),
        ('A', 1000, "Nie-Wager A"),
        ('B', 1000, "Nie-Wager B"),
        ('C', 1000, "Nie-Wager C (constant effect)"),
        ('D', 1000, "Nie-Wager D"),
    ];

    private static readonly (string Learner, string Base)[] Estimators =
        [("t", "linear"), ("t", "gbm"), ("t", "auto"), ("s", "gbm"), ("s", "auto"), ("x", "linear"), ("x", "gbm"), ("x", "auto")];

    public static int Run(string[] args)
    {
        int seeds = args.Length == 2 && args[0] == "--seeds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        const int Covariates = 6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PEHE, mean of {seeds} seeds, d = {Covariates}, sigma = 1; train and test samples of n rows."));
        Console.WriteLine();
        Console.WriteLine("| Design | n | difference in means | " + string.Join(" | ", Estimators.Select(e => $"{e.Learner.ToUpperInvariant()} {e.Base}")) + " | X auto's own ATE |");
        Console.WriteLine("|---|---:|---:|" + string.Concat(Estimators.Select(_ => "---:|")) + "---:|");
        var seconds = new double[Estimators.Length];
        foreach ((char setup, int rows, string description) in Studies)
        {
            var pehe = new double[Estimators.Length];
            double naive = 0, ownAte = 0;
            for (int seed = 0; seed < seeds; seed++)
            {
                Designs.Sample train = Designs.Generate(setup, rows, Covariates, sigma: 1, seed: 100 + seed);
                Designs.Sample test = Designs.Generate(setup, rows, Covariates, sigma: 1, seed: 900 + seed);
                CateData data = CateData.Create(train.X, train.W, train.Y);
                double difference = train.Y.Where((_, i) => train.W[i] == 1).Average() - train.Y.Where((_, i) => train.W[i] == 0).Average();
                naive += Designs.Pehe([.. test.Tau.Select(_ => difference)], test.Tau) / seeds;
                for (int e = 0; e < Estimators.Length; e++)
                {
                    var clock = Stopwatch.StartNew();
                    CateModel model = CateEstimators.Create(Estimators[e].Learner, Estimators[e].Base, new MetaLearnerOptions { Seed = seed }).Fit(data);
                    pehe[e] += Designs.Pehe(model.Effect(test.X), test.Tau) / seeds;
                    seconds[e] += clock.Elapsed.TotalSeconds;
                    if (Estimators[e] == ("x", "auto"))
                    {
                        double ate = model.Ate();
                        ownAte += Designs.Pehe([.. test.Tau.Select(_ => ate)], test.Tau) / seeds;
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {setup}: {description} | {rows} | {naive:F3} | {string.Join(" | ", pehe.Select(p => p.ToString("F3", CultureInfo.InvariantCulture)))} | {ownAte:F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine(WhatAutoChooses());
        Console.WriteLine();
        Console.WriteLine("Fit time, total over designs and seeds: " + string.Join(", ", Estimators.Select((e, i) => string.Create(CultureInfo.InvariantCulture, $"{e.Learner.ToUpperInvariant()} {e.Base} {seconds[i]:F1} s"))));
        return 0;
    }

    /// <summary>What <c>auto</c> chooses on the rare-treatment design (seed 100): the control outcome and the treated rows' imputed effects.</summary>
    private static string WhatAutoChooses()
    {
        Designs.Sample train = Designs.Generate('R', 4000, 6, sigma: 1, seed: 100);
        int d = train.X.GetLength(1);
        double[] Rows(IEnumerable<int> rows) => [.. rows.SelectMany(i => Enumerable.Range(0, d).Select(j => train.X[i, j]))];
        int[] control = [.. Enumerable.Range(0, train.W.Length).Where(i => train.W[i] == 0)];
        int[] treated = [.. Enumerable.Range(0, train.W.Length).Where(i => train.W[i] == 1)];
        CrossValidatedRegressionModel mu0 = CateEstimators.AutoOutcomeLearner.Fit(
            new LearningProblem(Rows(control), d, [.. control.Select(i => train.Y[i])], default, 1), CancellationToken.None);
        double[] imputed = [.. treated.Select(i => train.Y[i] - mu0.Predict(Rows([i])))];
        CrossValidatedRegressionModel tau1 = CateEstimators.AutoEffectLearner.Fit(new LearningProblem(Rows(treated), d, imputed, default, 2), CancellationToken.None);
        static string Scores(CrossValidatedRegressionModel model) =>
            string.Join(", ", model.Scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Learner} {s.OutOfFoldLoss:F3}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"auto on R (seed 100): control outcome ({control.Length} rows) -> {mu0.Chosen} [{Scores(mu0)}]; treated imputed effects ({treated.Length} rows) -> {tau1.Chosen} [{Scores(tau1)}]");
    }
}
