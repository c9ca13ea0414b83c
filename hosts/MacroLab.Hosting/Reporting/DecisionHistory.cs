using MacroLab.Data;
using MacroLab.Hosting.Documents;
using MacroLab.Models.Cards;
using MacroLab.Models.Scoring;

namespace MacroLab.Hosting.Reporting;

/// <summary>
/// The model that would be served, asked for a decision at every month end from the backtest's first out-of-sample
/// decision to the newest date of the Gold features: the ONNX export scored through its model card's missing-input policy,
/// the same code the backtest, <c>macrolab predict</c> and the inference API apply.
/// </summary>
internal static class DecisionHistory
{
    public static IReadOnlyList<DecisionRecord> Build(RunFacts facts)
    {
        ModelCard card = facts.Card;
        InputImputer imputer = card.Imputer();
        TimeSeriesTable features = facts.Features;
        var columns = new List<double[]>(card.FeatureNames.Count);
        foreach (string name in card.FeatureNames)
        {
            columns.Add(Column(facts, name));
        }

        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(facts.Onnx!, source: "model.onnx");
        DateOnly first = facts.Results.Folds.Count > 0 ? facts.Results.Folds[0].TestStart : features.Dates[0];
        int width = imputer.Width, count = card.FeatureNames.Count;
        var raw = new double[width];
        var input = new float[width];
        var records = new List<DecisionRecord>();
        for (int row = 0; row < features.RowCount; row++)
        {
            if (features.Dates[row] < first)
            {
                continue;
            }

            for (int step = 0; step < card.Lookback; step++)
            {
                int at = row - card.Lookback + 1 + step;
                for (int f = 0; f < count; f++)
                {
                    raw[(step * count) + f] = at < 0 ? double.NaN : columns[f][at];
                }
            }

            Imputation imputation = imputer.Fill(raw, input);
            IReadOnlyList<string> imputed = imputation.Imputed > 0 ? imputer.ImputedFeatures(raw) : [];
            records.Add(new DecisionRecord(features.Dates[row], imputation.IsRefused ? null : scorer.Score(input), imputed, imputation.Refusal));
        }

        return records;
    }

    public static DecisionSummary? Summarize(IReadOnlyList<DecisionRecord> records, IReadOnlyList<string> assets) =>
        records.Count == 0 ? null : new DecisionSummary(
            records[0].Date, records[^1].Date, records.Count,
            records.Count(r => r.Refusal is null && r.Imputed.Count == 0),
            records.Count(r => r.Refusal is null && r.Imputed.Count > 0),
            records.Count(r => r.Refusal is not null),
            records[^1], assets);

    /// <summary>A model input's values on the Gold feature table's dates: a feature column, or a signal column of a treatment.</summary>
    private static double[] Column(RunFacts facts, string name)
    {
        if (facts.Features.IndexOf(name) >= 0)
        {
            return facts.Features.Column(name).ToArray();
        }

        foreach ((string _, TimeSeriesTable signals) in facts.Signals)
        {
            if (signals.IndexOf(name) >= 0)
            {
                return signals.Column(name).ToArray();
            }
        }

        throw new InvalidDataException($"Gold has no column '{name}', an input of the model; rebuild the model (macrolab run --from train).");
    }
}
