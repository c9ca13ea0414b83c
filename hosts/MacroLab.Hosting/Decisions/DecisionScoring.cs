using System.Globalization;
using MacroLab.Data.Features;
using MacroLab.Hosting.Reporting;
using MacroLab.Scoring;
using MacroLab.Scoring.Decisions;

namespace MacroLab.Hosting.Decisions;

/// <summary>
/// A version's decision at a Gold row before the portfolio's constraints: the ONNX tilts through the card's missing-input
/// policy (the code the backtest, <c>macrolab predict</c> and the API apply) and the target weights the backtest gives
/// them, w_i = 1/N + tiltScale x tilt_i for the N risky assets and 1 - sum w_i in the risk-free asset; a refused decision
/// holds the equal weights, as the backtest's does.
/// </summary>
internal sealed class DecisionScoring
{
    private readonly BookModel _model;
    private readonly BookMarket _data;
    private readonly OnnxTiltScorer _scorer;
    private readonly InputImputer _imputer;
    private readonly double[][] _columns;
    private readonly int[] _tiltAssets;
    private readonly Dictionary<(DateOnly, string), CellProvenance> _provenance;

    public DecisionScoring(BookModel model, BookMarket data, OnnxTiltScorer scorer, IReadOnlyList<CellProvenance> provenance)
    {
        _model = model;
        _data = data;
        _scorer = scorer;
        _imputer = model.Card.Imputer();
        _columns = ModelInputColumns.Read(data.Features, [], model.Card.FeatureNames);
        string[] risky = [.. data.Assets.Where((_, a) => a != data.RiskFreeAsset)];
        if (!risky.Order(StringComparer.Ordinal).SequenceEqual(model.Card.Assets.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{model.Version.Name}:{model.Version.Version} tilts {string.Join(", ", model.Card.Assets)}; Gold's risky assets are {string.Join(", ", risky)}. Decide with a model of this universe (macrolab run --from backtest)."));
        }

        _tiltAssets = [.. model.Card.Assets.Select(data.IndexOf)];
        _provenance = provenance.GroupBy(c => (c.Date.Date, c.Feature)).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The model's tilts and target weights at <paramref name="row"/>, with the inputs it saw.</summary>
    /// <exception cref="InvalidDataException">Gold knows none of the model's inputs at that date.</exception>
    public ScoredDecision Score(int row)
    {
        ModelCard card = _model.Card;
        DateOnly date = _data.Dates[row];
        var raw = new double[_imputer.Width];
        var input = new float[_imputer.Width];
        ModelInputColumns.Window(_columns, row, card.Lookback, raw);
        if (Enumerable.Range(0, _columns.Length).All(f => !double.IsFinite(_columns[f][row])))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Gold knows none of the model's {_columns.Length} inputs at {date:yyyy-MM-dd} ({string.Join(", ", card.FeatureNames.Take(5))}{(card.FeatureNames.Count > 5 ? ", ..." : string.Empty)}); there is nothing to decide from. Ingest the newest data and rebuild the features first."));
        }

        Imputation imputation = _imputer.Fill(raw, input);
        var tilts = new float[card.Assets.Count];
        if (!imputation.IsRefused)
        {
            _scorer.Score(input, tilts);
        }

        HashSet<string> imputed = imputation.Imputed > 0 && !imputation.IsRefused ? [.. _imputer.ImputedFeatures(raw)] : [];
        var targets = new double[_data.AssetCount];
        var tiltOf = new double?[_data.AssetCount];
        double risky = 0;
        for (int k = 0; k < _tiltAssets.Length; k++)
        {
            int a = _tiltAssets[k];
            targets[a] = (1.0 / _tiltAssets.Length) + (_model.TiltScale * tilts[k]);
            tiltOf[a] = imputation.IsRefused ? null : tilts[k];
            risky += targets[a];
        }

        if (_data.RiskFreeAsset >= 0)
        {
            targets[_data.RiskFreeAsset] = 1 - risky;
        }

        DecisionInput[] inputs = [.. card.FeatureNames.Select((feature, f) =>
        {
            double value = _columns[f][row];
            DecisionInput known = new(feature, double.IsFinite(value) ? value : null, imputed.Contains(feature));
            return _provenance.TryGetValue((date, feature), out CellProvenance cell)
                ? known with
                {
                    Period = cell.Period.Start, AvailableAt = cell.AvailableAt.Date, Vintage = cell.Vintage,
                    Timing = cell.Timing.ToString().ToLowerInvariant(), PseudoRealTime = cell.UsesPseudoRealTime,
                }
                : known;
        })];
        return new ScoredDecision(row, tiltOf, targets, inputs, imputation.Refusal);
    }
}
