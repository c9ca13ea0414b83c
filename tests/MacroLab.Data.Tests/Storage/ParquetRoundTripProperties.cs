using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MacroLab.Data.Storage;
using MacroLab.Data.Tests.PointInTime;

namespace MacroLab.Data.Tests.Storage;

public sealed class ParquetRoundTripProperties
{
    [Property(MaxTest = 100, Replay = "(55512341,77781239)", Arbitrary = [typeof(Scenarios)])]
    public void Observations_survive_a_parquet_round_trip_bit_for_bit(Scenario scenario)
    {
        ObservationSet set = ObservationSet.Create(scenario.Observations.Select((o, i) =>
            o with { Timing = (ReleaseTiming)(i % 3), Value = o.Value * Math.PI }));

        byte[] first = Write(s => ParquetFiles.WriteObservationsAsync(set, s));
        ObservationSet read = ParquetFiles.ReadObservationsAsync(new MemoryStream(first), "t.parquet").GetAwaiter().GetResult();
        byte[] second = Write(s => ParquetFiles.WriteObservationsAsync(read, s));

        Assert.Equal(set, read);
        Assert.Equal(first, second);
    }

    [Property(MaxTest = 100, Replay = "(998877,112233)")]
    public Property Tables_with_missing_values_survive_a_parquet_round_trip() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(-1000, 1000)).ToArbitrary(), values =>
        {
            DateOnly[] dates = [.. values.Select((_, i) => new DateOnly(2000, 1, 31).AddDays(i * 31))];
            double[] column = [.. values.Select(v => v % 7 == 0 ? double.NaN : v / 3.0)];
            TimeSeriesTable table = TimeSeriesTable.Create(dates, ["x", "y z"], [column, [.. column.Reverse()]]);

            byte[] bytes = Write(s => ParquetFiles.WriteTableAsync(table, s));
            TimeSeriesTable read = ParquetFiles.ReadTableAsync(new MemoryStream(bytes), "t.parquet").GetAwaiter().GetResult();

            return read.Dates.SequenceEqual(table.Dates)
                && read.Columns.SequenceEqual(table.Columns)
                && read.Column(0).ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(column.Select(BitConverter.DoubleToInt64Bits));
        });

    private static byte[] Write(Func<Stream, Task> write)
    {
        using var buffer = new MemoryStream();
        write(buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }
}
