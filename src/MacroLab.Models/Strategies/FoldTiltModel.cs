using MacroLab.Backtest;

namespace MacroLab.Models.Strategies;

/// <summary>
/// A trained network answering a walk-forward fold's decisions: w_i = 1/N + scale x tilt_i in the risky assets, the rest
/// in the risk-free asset. Unknown inputs enter at their training mean. Owns the network; disposed after its fold.
/// </summary>
internal sealed class FoldTiltModel : ITiltModel, IDisposable
{
    private readonly TiltModel _model;
    private readonly int[] _columns;
    private readonly int[] _risky;
    private readonly float[] _means;
    private readonly double _scale;
    private readonly int _lookback;

    public FoldTiltModel(TiltModel model, TrainingSet training, double scale)
    {
        _model = model;
        _scale = scale;
        _lookback = model.Lookback;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < training.FeatureNames.Count; f++)
        {
            index[training.FeatureNames[f]] = f;
        }

        _columns = [.. model.FeatureNames.Select(name => index[name])];
        _risky = [.. model.Assets.Select(asset => training.Assets.ToList().IndexOf(asset))];
        _means = new float[_columns.Length];
        for (int j = 0; j < _columns.Length; j++)
        {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < training.Count; k++)
            {
                double value = training.Features(k)[_columns[j]];
                if (double.IsFinite(value))
                {
                    sum += value;
                    count++;
                }
            }

            _means[j] = count == 0 ? 0 : (float)(sum / count);
        }
    }

    public void Predict(MarketHistory history, Span<double> weights)
    {
        int width = _columns.Length;
        Span<float> window = width * _lookback <= 4096 ? stackalloc float[width * _lookback] : new float[width * _lookback];
        for (int j = 0; j < _lookback; j++)
        {
            int row = history.Row - _lookback + 1 + j;
            Span<float> slot = window.Slice(j * width, width);
            if (row < 0)
            {
                _means.CopyTo(slot);
                continue;
            }

            ReadOnlySpan<double> features = history.Features(row);
            for (int f = 0; f < width; f++)
            {
                double value = features[_columns[f]];
                slot[f] = double.IsFinite(value) ? (float)value : _means[f];
            }
        }

        Span<float> tilts = stackalloc float[_risky.Length];
        _model.Predict(window, tilts);
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
