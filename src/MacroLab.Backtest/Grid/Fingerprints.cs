using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Backtest.Grid;

/// <summary>Stable digests of what a backtest depends on, for resuming grids and skipping unchanged stages.</summary>
internal static class Fingerprints
{
    /// <summary>The version of this package, part of every fingerprint so a new version recomputes.</summary>
    public static string CodeVersion { get; } =
        typeof(Fingerprints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>SHA-256 over the dataset's dates, names and values (bit patterns) and its risk-free asset.</summary>
    public static string Dataset(BacktestDataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (DateOnly date in data.Dates)
        {
            hash.AppendData(BitConverter.GetBytes(date.DayNumber));
        }

        hash.AppendData(BitConverter.GetBytes(data.RealizedAt[^1].DayNumber));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', data.Assets) + "\n\n" + string.Join('\n', data.FeatureNames)));
        hash.AppendData(BitConverter.GetBytes(data.RiskFreeAsset));
        hash.AppendData(MemoryMarshal.AsBytes(data.Returns));
        for (int row = 0; row < data.RowCount; row++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(data.FeatureRow(row)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Every option as canonical text.</summary>
    public static string Options(BacktestOptions options)
    {
        WalkForwardOptions w = options.WalkForward;
        SimulationOptions s = options.Simulation;

        // Only when set, so that the fingerprints of every earlier run (without caps) stay what they were.
        string caps = s.MaxWeights is null ? string.Empty : "maxWeights=" + string.Join(',', s.MaxWeights.Select(c => c.ToString("R", CultureInfo.InvariantCulture))) + "\n";
        return string.Create(CultureInfo.InvariantCulture,
            $"periodsPerYear={options.PeriodsPerYear}\nwindow={w.Window}\ntrain={w.TrainPeriods}\ntest={w.TestPeriods}\npurge={w.Purge}\nembargo={w.Embargo}\n"
            + $"firstTest={w.FirstTestDate:yyyy-MM-dd}\nalign={w.AlignToMonth}\ncpcv={w.Combinatorial?.Groups}/{w.Combinatorial?.TestGroups}\n"
            + $"costs={(s.CostBps is null ? "-" : string.Join(',', s.CostBps.Select(c => c.ToString("R", CultureInfo.InvariantCulture))))}\n"
            + $"defaultCost={s.DefaultCostBps:R}\nleverage={s.MaxGrossLeverage:R}\nthreshold={s.RebalanceThreshold:R}\nevery={s.RebalanceEvery}\n{caps}");
    }

    /// <summary>The experiment of a grid: data, options, strategy, the trials and the code version.</summary>
    public static string Experiment(BacktestDataset data, BacktestOptions options, string strategy, IReadOnlyList<TrialSpec> trials)
    {
        var text = new StringBuilder()
            .Append("code=").Append(CodeVersion).Append('\n')
            .Append("data=").Append(Dataset(data)).Append('\n')
            .Append(Options(options))
            .Append("strategy=").Append(strategy).Append('\n');
        foreach (TrialSpec trial in trials)
        {
            text.Append("trial=").Append(trial.Id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
