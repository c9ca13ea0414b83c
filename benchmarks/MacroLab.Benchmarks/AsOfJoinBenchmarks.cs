using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DuckDB.NET.Data;
using MacroLab.Data;
using MacroLab.Data.Features;
using MacroLab.Data.PointInTime;

namespace MacroLab.Benchmarks;

/// <summary>
/// The point-in-time as-of join (latest period released by t, at its latest revision released by t) against DuckDB's
/// ASOF JOIN computing the same rule in-process on the same rows. Setup checks that both give the same answer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AsOfJoinBenchmarks : IDisposable
{
    // Frontier: per series and release date, the latest period known; then the value of that period at its latest
    // revision known at each date. Two ASOF JOINs, because the newest release is not always the newest period.
    private const string Query = """
        WITH events AS (
            SELECT series, available_at, max(period) AS period FROM obs GROUP BY series, available_at),
        frontier AS (
            SELECT series, available_at,
                   max(period) OVER (PARTITION BY series ORDER BY available_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS period
            FROM events),
        grid AS (SELECT d.row_id, d.date, s.series FROM dates d CROSS JOIN series s),
        known AS (
            SELECT g.row_id, g.date, g.series, f.period
            FROM grid g ASOF JOIN frontier f ON g.series = f.series AND g.date >= f.available_at)
        SELECT k.row_id, k.series, o.value
        FROM known k ASOF JOIN obs o ON k.series = o.series AND k.period = o.period AND k.date >= o.available_at
        """;

    private AsOfData _data = null!;
    private ObservationSet _prebuilt = null!;
    private DecisionDate[] _dates = null!;
    private string[] _names = null!;
    private DuckDBConnection _duck = null!;

    [Params(AsOfScale.Macro, AsOfScale.Large)]
    public AsOfScale Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = AsOfData.Create(Scale);
        _names = [.. Enumerable.Range(0, _data.SeriesCount).Select(i => i.ToString("D4", CultureInfo.InvariantCulture))];
        _dates = [.. _data.Dates.Select(d => new DecisionDate(DateOnly.FromDayNumber(d)))];
        _prebuilt = Build();
        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        Load();
        Verify();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _duck?.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "DuckDB ASOF JOIN (in-process, results into arrays)")]
    public double[][] DuckDb()
    {
        var result = new double[_data.SeriesCount][];
        for (int s = 0; s < result.Length; s++)
        {
            result[s] = new double[_dates.Length];
            Array.Fill(result[s], double.NaN);
        }

        using DuckDBCommand command = _duck.CreateCommand();
        command.CommandText = Query;
        using DuckDBDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt32(1)][reader.GetInt32(0)] = reader.GetDouble(2);
        }

        return result;
    }

    [Benchmark(Description = "MacroLab: build the set from rows + join")]
    public FeatureTable MacroLabFromRows() => PointInTimeJoin.AsOf(Build(), _dates);

    [Benchmark(Description = "MacroLab: join on a built set")]
    public FeatureTable MacroLabPrebuilt() => PointInTimeJoin.AsOf(_prebuilt, _dates);

    private ObservationSet Build()
    {
        var builder = new ObservationSetBuilder(_data.Count);
        int[] ids = [.. _names.Select(builder.InternSeries)];
        for (int i = 0; i < _data.Count; i++)
        {
            builder.Add(ids[_data.Series[i]], _data.Periods[i], _data.Values[i], _data.Releases[i], -1, ReleaseTiming.Published, -1, 0);
        }

        return builder.Build();
    }

    private void Load()
    {
        Execute("CREATE TABLE obs (series INTEGER, period INTEGER, available_at INTEGER, value DOUBLE)");
        Execute("CREATE TABLE dates (row_id INTEGER, date INTEGER)");
        Execute("CREATE TABLE series (series INTEGER)");
        using (DuckDBAppender appender = _duck.CreateAppender("obs"))
        {
            for (int i = 0; i < _data.Count; i++)
            {
                appender.CreateRow().AppendValue(_data.Series[i]).AppendValue(_data.Periods[i]).AppendValue(_data.Releases[i]).AppendValue(_data.Values[i]).EndRow();
            }
        }

        using (DuckDBAppender appender = _duck.CreateAppender("dates"))
        {
            for (int d = 0; d < _data.Dates.Length; d++)
            {
                appender.CreateRow().AppendValue(d).AppendValue(_data.Dates[d]).EndRow();
            }
        }

        using (DuckDBAppender appender = _duck.CreateAppender("series"))
        {
            for (int s = 0; s < _data.SeriesCount; s++)
            {
                appender.CreateRow().AppendValue(s).EndRow();
            }
        }
    }

    private void Verify()
    {
        double[][] expected = DuckDb();
        FeatureTable actual = MacroLabFromRows();
        long known = 0;
        for (int s = 0; s < expected.Length; s++)
        {
            ReadOnlySpan<double> column = actual.Values.Column(actual.Values.IndexOf(_names[s]));
            for (int d = 0; d < _dates.Length; d++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[s][d]) != BitConverter.DoubleToInt64Bits(column[d]))
                {
                    throw new InvalidOperationException($"DuckDB and MacroLab disagree for series {s} at {_dates[d]}: {expected[s][d]} vs {column[d]}.");
                }

                known += double.IsNaN(column[d]) ? 0 : 1;
            }
        }

        Console.WriteLine($"// {Scale}: {_data.Count:N0} observations, {_dates.Length:N0} dates, {known:N0} known cells: DuckDB and MacroLab agree on every cell.");
    }

    private void Execute(string sql)
    {
        using DuckDBCommand command = _duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
