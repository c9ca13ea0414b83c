using System.ComponentModel.DataAnnotations;

namespace MacroLab.Api.Serving;

/// <summary>How scored rows are appended to the lake's prediction log (<c>logs/predictions/</c>).</summary>
public sealed class PredictionLogOptions
{
    /// <summary>Whether rows are logged.</summary>
    /// <value>True.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>A batch is written once it holds this many rows.</summary>
    /// <value>5000.</value>
    [Range(1, 10_000_000)]
    public int FlushRows { get; set; } = 5000;

    /// <summary>A batch is written at least this often while rows wait.</summary>
    /// <value>10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most rows held in memory; beyond it rows are dropped and counted (<c>macrolab.api.prediction_log.dropped</c>), so a slow lake cannot exhaust memory.</summary>
    /// <value>200 000.</value>
    [Range(1, 100_000_000)]
    public int CapacityRows { get; set; } = 200_000;

    /// <summary>This writer's name in object keys (unique per process, so two tasks never write the same key).</summary>
    /// <value>Null: the host name and process id.</value>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string? Writer { get; set; }
}
