namespace MacroLab.Backtest.Strategies;

/// <summary>A base for strategies that learn nothing: one model for every fold.</summary>
internal abstract class WeightsStrategy : ITiltStrategy, ITiltModel
{
    public abstract string Name { get; }

    public abstract IReadOnlyDictionary<string, string> Parameters { get; }

    public int LabelHorizon => 0;

    public ITiltModel Fit(TrainingSet training, CancellationToken cancellationToken) => this;

    public abstract void Predict(MarketHistory history, Span<double> weights);

    /// <summary>The index of each named asset in <paramref name="assets"/>.</summary>
    protected int[] Resolve(IReadOnlyList<string> assets, IReadOnlyList<string> names)
    {
        var indexes = new int[names.Count];
        for (int k = 0; k < names.Count; k++)
        {
            indexes[k] = IndexOf(assets, names[k]);
            if (indexes[k] < 0)
            {
                throw new ArgumentException($"Strategy '{Name}' uses asset '{names[k]}', which the dataset does not have ({string.Join(", ", assets)}).");
            }
        }

        return indexes;
    }

    /// <summary>The position of <paramref name="name"/> in <paramref name="names"/>, or -1.</summary>
    protected static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
