using System.CommandLine;
using System.Globalization;
using System.Text;
using MacroLab.Causal;
using MacroLab.Causal.Bootstrap;
using MacroLab.Causal.MetaLearners;
using Spectre.Console;

namespace MacroLab.Cli.Commands;

/// <summary><c>macrolab cate</c>: the meta-learners on any table.</summary>
internal static class CateCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<FileInfo>("--input") { Description = "The training table: .csv with a header row, or a MacroLab .parquet table.", Required = true, HelpName = "table.csv|parquet" };
        var treatment = new Option<string>("--treatment") { Description = "The treatment column: 0 for control, 1, 2, ... for treatment arms.", Required = true, HelpName = "column" };
        var outcome = new Option<string>("--outcome") { Description = "The outcome column.", Required = true, HelpName = "column" };
        var covariates = new Option<string>("--covariates") { Description = "The covariate columns, comma-separated.", Required = true, HelpName = "c1,c2,..." };
        var weights = new Option<string?>("--weights") { Description = "A column of positive sample weights.", HelpName = "column" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for intervals (0: none; default).", HelpName = "N" };
        var block = new Option<int?>("--block-length") { Description = "Resample blocks of this many consecutive rows of each arm (time-ordered rows); default iid.", HelpName = "rows" };
        var alpha = new Option<double>("--alpha") { Description = "Interval level 1 - alpha (default 0.1: 90% intervals).", DefaultValueFactory = _ => 0.1, HelpName = "alpha" };
        var predict = new Option<FileInfo?>("--predict") { Description = "Write effects for the rows of this table instead of the training rows (same covariate columns).", HelpName = "table.csv|parquet" };
        var output = new Option<FileInfo>("--out") { Description = "The output CSV: every column of the rows, then cate (and cate_lower, cate_upper with --bootstrap); with several arms, cate_<arm>...", Required = true, HelpName = "effects.csv" };
        var cate = new CateCliOptions();
        var command = new Command("cate",
            "Estimate conditional average treatment effects on any table with an X-, T- or S-Learner (linear or gradient-boosted base learners), " +
            "optionally with seeded bootstrap intervals; prints the ATE with its interval.")
        {
            input, treatment, outcome, covariates, weights, bootstrap, block, alpha, predict, output,
        };
        cate.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async () =>
        {
            int resamples = parse.GetValue(bootstrap);
            double level = parse.GetValue(alpha);
            if (resamples is 1 or < 0)
            {
                throw new UsageException($"--bootstrap must be 0 or at least 2 (got {resamples}).");
            }

            if (!(level is > 0 and < 1))
            {
                throw new UsageException($"--alpha must be in (0, 1) (got {level}).");
            }

            string[] names = [.. parse.GetRequiredValue(covariates).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            CsvTable training = await CsvTable.ReadAsync(parse.GetRequiredValue(input), cancellationToken);
            CateData data = CateData.Create(
                Matrix(training, names),
                training.Arms(training.Column(parse.GetRequiredValue(treatment), "--treatment")),
                training.Numbers(training.Column(parse.GetRequiredValue(outcome), "--outcome")),
                parse.GetValue(weights) is { } w ? training.Numbers(training.Column(w, "--weights")) : null,
                names);
            var options = new MetaLearnerOptions { Bootstrap = resamples >= 2 ? new BootstrapOptions { Resamples = resamples, BlockLength = parse.GetValue(block) } : null };
            ICateEstimator estimator = cate.Create(parse, options);
            CateModel model = await Task.Run(() => estimator.Fit(data, cancellationToken), cancellationToken);

            CsvTable target = parse.GetValue(predict) is { } other ? await CsvTable.ReadAsync(other, cancellationToken) : training;
            double[,] x = Matrix(target, names);
            var text = new StringBuilder(string.Join(",", target.Header.Select(CsvOutput.Field)));
            var columns = new List<double[]>();
            for (int arm = 1; arm < model.ArmCount; arm++)
            {
                string suffix = model.ArmCount > 2 ? string.Create(CultureInfo.InvariantCulture, $"_{arm}") : string.Empty;
                text.Append(",cate").Append(suffix);
                columns.Add(model.Effect(x, arm));
                if (model.Resamples > 0)
                {
                    Interval[] intervals = model.EffectInterval(x, level, arm);
                    text.Append(",cate_lower").Append(suffix).Append(",cate_upper").Append(suffix);
                    columns.Add([.. intervals.Select(i => i.Lower)]);
                    columns.Add([.. intervals.Select(i => i.Upper)]);
                }
            }

            text.Append('\n');
            for (int r = 0; r < target.Count; r++)
            {
                text.Append(string.Join(",", Enumerable.Range(0, target.Header.Count).Select(c => CsvOutput.Field(target.Field(r, c)))));
                foreach (double[] column in columns)
                {
                    text.Append(',').Append(CsvOutput.Number(column[r]));
                }

                text.Append('\n');
            }

            FileInfo destination = parse.GetRequiredValue(output);
            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            await AtomicFile.WriteAsync(destination, stream => stream.WriteAsync(bytes, cancellationToken).AsTask());

            console.Out.MarkupLine(Markup.Escape($"{model.Estimator} on {data.Count} rows ({string.Join(", ", Enumerable.Range(0, data.ArmCount).Select(a => $"arm {a}: {data.CountOf(a)}"))})."));
            for (int arm = 1; arm < model.ArmCount; arm++)
            {
                string interval = model.Resamples > 0
                    ? string.Create(CultureInfo.InvariantCulture, $", {(1 - level) * 100:0.#}% interval [{model.AteInterval(level, arm).Lower:G6}, {model.AteInterval(level, arm).Upper:G6}] from {model.Resamples} resamples")
                    : string.Empty;
                console.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"ATE of arm {arm} vs control: {model.Ate(arm):G6}{interval}")));
            }

            foreach (string warning in model.Warnings)
            {
                console.Out.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
            }

            console.Out.WriteLine($"Wrote {destination.FullName}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static double[,] Matrix(CsvTable table, string[] names)
    {
        if (names.Length == 0)
        {
            throw new UsageException("--covariates names no column.");
        }

        var x = new double[table.Count, names.Length];
        for (int j = 0; j < names.Length; j++)
        {
            double[] column = table.Numbers(table.Column(names[j], "--covariates"));
            for (int r = 0; r < table.Count; r++)
            {
                x[r, j] = column[r];
            }
        }

        return x;
    }
}
