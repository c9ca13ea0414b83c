namespace MacroLab.Backtest;

/// <summary>
/// A fitted model: target weights from what is known at a decision date. A model that holds native resources (a TorchSharp
/// network) implements <see cref="IDisposable"/>; the walk-forward disposes it once its fold's decisions are made.
/// </summary>
public interface ITiltModel
{
    /// <summary>Writes one target weight per asset (in dataset order) into <paramref name="weights"/>; finite values.</summary>
    /// <exception cref="LookAheadException">The model asked for data not known at the decision date.</exception>
    void Predict(MarketHistory history, Span<double> weights);
}
