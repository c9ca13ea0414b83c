namespace MacroLab.Backtest;

/// <summary>A fitted model: target weights from what is known at a decision date.</summary>
public interface ITiltModel
{
    /// <summary>Writes one target weight per asset (in dataset order) into <paramref name="weights"/>; finite values.</summary>
    /// <exception cref="LookAheadException">The model asked for data not known at the decision date.</exception>
    void Predict(MarketHistory history, Span<double> weights);
}
