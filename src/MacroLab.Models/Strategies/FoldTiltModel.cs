using MacroLab.Backtest;
using MacroLab.Scoring;

namespace MacroLab.Models.Strategies;

/// <summary>
/// A trained network answering a walk-forward fold's decisions: w_i = 1/N + scale x tilt_i in the risky assets, the rest
/// in the risk-free asset. Unknown inputs are handled by the model's <see cref="MissingInputPolicy"/> (the same code as
/// serving): imputed at their training mean, and a decision with too many of them is refused, which leaves equal weights
/// (no tilt). Owns the network; disposed after its fold.
/// </summary>
internal sealed class FoldTiltModel : ITiltModel, IDisposable
{
    private readonly TiltModel _model;
    private readonly InputImputer _imputer;
    private readonly int[] _columns;
    private readonly int[] _risky;
    private readonly double _scale;
    private readonly int _lookback;

    public FoldTiltModel(TiltModel model, TrainingSet training, double scale)
    {
        _model = model;
        _scale = scale;
        _lookback = model.Lookback;
        _imputer = model.Card.Imputer();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < training.FeatureNames.Count; f++)
        {
            index[training.FeatureNames[f]] = f;
        }

        _columns = [.. model.FeatureNames.Select(name => index[name])];
        _risky = [.. model.Assets.Select(asset => training.Assets.ToList().IndexOf(asset))];
    }

    public void Predict(MarketHistory history, Span<double> weights)
    {
        int width = _columns.Length;
        Span<double> raw = width * _lookback <= 2048 ? stackalloc double[width * _lookback] : new double[width * _lookback];
        Span<float> window = width * _lookback <= 4096 ? stackalloc float[width * _lookback] : new float[width * _lookback];
        for (int j = 0; j < _lookback; j++)
        {
            int row = history.Row - _lookback + 1 + j;
            Span<double> slot = raw.Slice(j * width, width);
            if (row < 0)
            {
                slot.Fill(double.NaN);
                continue;
            }

            ReadOnlySpan<double> features = history.Features(row);
            for (int f = 0; f < width; f++)
            {
                slot[f] = features[_columns[f]];
            }
        }

        Span<float> tilts = stackalloc float[_risky.Length];
        if (_imputer.Fill(raw, window).IsRefused)
        {
            tilts.Clear(); // no decision from the model: equal weights
        }
        else
        {
            _model.Predict(window, tilts);
        }

        weights.Clear();
        double risky = 0;
        for (int a = 0; a < _risky.Length; a++)
        {
            double weight = (1.0 / _risky.Length) + (_scale * tilts[a]);
            weights[_risky[a]] = weight;
            risky += weight;
        }

        if (history.RiskFreeAsset >= 0)
        {
            weights[history.RiskFreeAsset] = 1 - risky;
        }
    }

    public void Dispose() => _model.Dispose();
}
