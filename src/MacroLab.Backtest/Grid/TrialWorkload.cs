using System.Text;
using System.Text.Json;
using MacroLab.Backtest.Reporting;
using MacroLab.Backtest.Strategies;

namespace MacroLab.Backtest.Grid;

/// <summary>
/// What every trial of one grid shares: the dataset, the backtest options and the experiment fingerprint. A workload runs a
/// trial exactly as <see cref="GridSearch"/> does in-process, and it round-trips through a stream bit for bit, so a worker on
/// another machine that reads it produces the same <see cref="TrialOutcome"/> as the in-process executor.
/// </summary>
/// <remarks>
/// The stream format (version 1, little-endian): the magic <c>MLTW</c>, a format version, the experiment, the dataset's
/// SHA-256, the options as JSON, then the dataset's dates, names and values as raw bit patterns. <see cref="ReadFrom"/>
/// recomputes the dataset digest and refuses a workload whose content does not match it.
/// </remarks>
public sealed class TrialWorkload
{
    private const uint Magic = 0x5754_4C4D; // "MLTW"
    private const int FormatVersion = 1;

    /// <summary>A workload.</summary>
    /// <param name="experiment">The fingerprint of the grid (data, options, strategies, trials, code version).</param>
    /// <param name="data">The dataset every trial runs on.</param>
    /// <param name="options">The backtest every trial runs.</param>
    /// <exception cref="ArgumentException"><paramref name="experiment"/> is empty.</exception>
    public TrialWorkload(string experiment, BacktestDataset data, BacktestOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Experiment = experiment;
        Data = data;
        Options = options;
    }

    /// <summary>The experiment's fingerprint: results of its trials are stored under it.</summary>
    public string Experiment { get; }

    /// <summary>The dataset.</summary>
    public BacktestDataset Data { get; }

    /// <summary>The backtest options.</summary>
    public BacktestOptions Options { get; }

    /// <summary>Runs <paramref name="trial"/>: the catalog's strategy with the trial's parameters, walk-forward on <see cref="Data"/>.</summary>
    /// <exception cref="ArgumentException">The catalog has no such strategy or the parameters are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public TrialOutcome Run(TrialSpec trial, StrategyCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(catalog);
        ITiltStrategy strategy = catalog.Create(trial.Strategy, trial.Parameters);
        BacktestResult result = new WalkForwardBacktest(Options).Run(Data, strategy, cancellationToken);
        return TrialOutcome.From(trial, result);
    }

    /// <summary>Writes the workload to <paramref name="destination"/>.</summary>
    public void WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Experiment);
        writer.Write(Fingerprints.Dataset(Data));
        byte[] options = JsonSerializer.SerializeToUtf8Bytes(Options, BacktestJsonContext.Default.BacktestOptions);
        writer.Write(options.Length);
        writer.Write(options);

        BacktestDataset data = Data;
        writer.Write(data.RowCount);
        foreach (DateOnly date in data.Dates)
        {
            writer.Write(date.DayNumber);
        }

        writer.Write(data.RowCount == 0 ? 0 : data.RealizedAt[^1].DayNumber);
        WriteNames(writer, data.Assets);
        WriteNames(writer, data.FeatureNames);
        writer.Write(data.RiskFreeAsset);
        WriteDoubles(writer, data.Returns);
        for (int row = 0; row < data.RowCount; row++)
        {
            WriteDoubles(writer, data.FeatureRow(row));
        }
    }

    /// <summary>Reads a workload written by <see cref="WriteTo"/>.</summary>
    /// <param name="source">The stream.</param>
    /// <param name="name">What the stream is (an object key or a file), for error messages.</param>
    /// <exception cref="InvalidDataException">Not a workload, an unknown format version, truncated, or its content does not match its digest; the message names <paramref name="name"/> and the field.</exception>
    public static TrialWorkload ReadFrom(Stream source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        string field = "magic";
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"{name} is not a MacroLab trial workload (bad magic number).");
            }

            field = "format version";
            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{name} has trial workload format {version}; this version of MacroLab.Backtest reads format {FormatVersion}.");
            }

            field = "experiment";
            string experiment = reader.ReadString();
            field = "dataset digest";
            string digest = reader.ReadString();
            field = "options";
            byte[] optionsJson = reader.ReadBytes(Count(reader.ReadInt32(), field));
            BacktestOptions options = JsonSerializer.Deserialize(optionsJson, BacktestJsonContext.Default.BacktestOptions)
                ?? throw new InvalidDataException($"{name}: the options are null.");

            field = "dates";
            int rows = Count(reader.ReadInt32(), field);
            var dates = new DateOnly[rows];
            for (int t = 0; t < rows; t++)
            {
                dates[t] = DateOnly.FromDayNumber(reader.ReadInt32());
            }

            field = "last realised date";
            int lastRealized = reader.ReadInt32();
            field = "assets";
            string[] assets = ReadNames(reader, field);
            field = "feature names";
            string[] features = ReadNames(reader, field);
            field = "risk-free asset";
            int riskFree = reader.ReadInt32();
            if (riskFree < -1 || riskFree >= assets.Length)
            {
                throw new InvalidDataException($"{name}: risk-free asset index {riskFree} is outside the {assets.Length} assets.");
            }

            field = "returns";
            double[] returns = ReadDoubles(reader, checked(rows * assets.Length));
            field = "features";
            double[] values = ReadDoubles(reader, checked(rows * features.Length));
            BacktestDataset data = BacktestDataset.Create(
                dates, rows == 0 ? default : DateOnly.FromDayNumber(lastRealized), assets, returns, features, values, riskFree < 0 ? null : assets[riskFree]);
            if (!string.Equals(Fingerprints.Dataset(data), digest, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{name}: the dataset does not match its SHA-256 {digest}; the workload is corrupt.");
            }

            return new TrialWorkload(experiment, data, options);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or OverflowException or FormatException)
        {
            throw new InvalidDataException($"{name}: unreadable trial workload at field '{field}': {e.Message}", e);
        }
    }

    private static int Count(int value, string field) =>
        value >= 0 ? value : throw new InvalidDataException($"negative length {value} for {field}");

    private static void WriteNames(BinaryWriter writer, IReadOnlyList<string> names)
    {
        writer.Write(names.Count);
        foreach (string name in names)
        {
            writer.Write(name);
        }
    }

    private static string[] ReadNames(BinaryReader reader, string field)
    {
        var names = new string[Count(reader.ReadInt32(), field)];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = reader.ReadString();
        }

        return names;
    }

    // BinaryWriter writes doubles as little-endian IEEE 754 bit patterns on every platform: NaN payloads and -0 survive.
    private static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            writer.Write(value);
        }
    }

    private static double[] ReadDoubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }
}
