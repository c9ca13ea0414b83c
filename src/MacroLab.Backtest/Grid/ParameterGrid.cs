namespace MacroLab.Backtest.Grid;

/// <summary>
/// A hyper-parameter grid: named parameters, each with a list of text values; its trials are the Cartesian product, in
/// declaration order (the last parameter varies fastest).
/// </summary>
public sealed class ParameterGrid
{
    private readonly KeyValuePair<string, string[]>[] _parameters;

    /// <summary>A grid of <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The grid is empty, a parameter has no values or repeats a value, or a name repeats; the message names it.</exception>
    public ParameterGrid(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters.Select(p => new KeyValuePair<string, string[]>(p.Key, [.. p.Value ?? []]))];
        if (_parameters.Length == 0)
        {
            throw new ArgumentException("grid.parameters is empty; give at least one parameter with at least one value.", nameof(parameters));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, string[] values) in _parameters)
        {
            if (string.IsNullOrWhiteSpace(name) || !names.Add(name))
            {
                throw new ArgumentException($"grid.parameters: the name '{name}' is empty or repeated.", nameof(parameters));
            }

            if (values.Length == 0)
            {
                throw new ArgumentException($"grid.parameters.{name} has no values.", nameof(parameters));
            }

            if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            {
                throw new ArgumentException($"grid.parameters.{name} repeats a value.", nameof(parameters));
            }
        }
    }

    /// <summary>The parameter names, in declaration order.</summary>
    public IReadOnlyList<string> Names => [.. _parameters.Select(p => p.Key)];

    /// <summary>The number of trials: the product of the value counts.</summary>
    public int Count => _parameters.Aggregate(1, (product, p) => checked(product * p.Value.Length));

    /// <summary>Every combination, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Combinations()
    {
        var combinations = new List<IReadOnlyDictionary<string, string>>(Count);
        var index = new int[_parameters.Length];
        for (int trial = 0; trial < Count; trial++)
        {
            var combination = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (int p = 0; p < _parameters.Length; p++)
            {
                combination[_parameters[p].Key] = _parameters[p].Value[index[p]];
            }

            combinations.Add(combination);
            for (int p = _parameters.Length - 1; p >= 0; p--)
            {
                if (++index[p] < _parameters[p].Value.Length)
                {
                    break;
                }

                index[p] = 0;
            }
        }

        return combinations;
    }
}
