using System.Security.Cryptography;
using System.Text;

namespace MacroLab.Backtest.Grid;

/// <summary>One trial of a grid: a strategy with one combination of parameters.</summary>
public sealed record TrialSpec
{
    /// <summary>The trial's position in the grid, from 0; ties in selection go to the lower index.</summary>
    public required int Index { get; init; }

    /// <summary>The strategy's name in the <see cref="Strategies.StrategyCatalog"/> that runs it.</summary>
    public required string Strategy { get; init; }

    /// <summary>The parameters of this trial.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>A stable identifier: 16 hex digits of SHA-256 over the strategy and the sorted parameters.</summary>
    public string Id
    {
        get
        {
            var text = new StringBuilder(Strategy);
            foreach ((string name, string value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append('\n').Append(name).Append('=').Append(value);
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        }
    }
}
