using MacroLab.Data;
using MacroLab.Hosting.Documents;
using MacroLab.Scoring;

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
        double[][] columns = ModelInputColumns.Read(features, facts.Signals.Select(s => s.Signals), card.FeatureNames);
        using OnnxTiltScorer scorer = OnnxTiltScorer.FromBytes(facts.Onnx!, source: "model.onnx");
        DateOnly first = facts.Results.Folds.Count > 0 ? facts.Results.Folds[0].TestStart : features.Dates[0];
        int width = imputer.Width;
        var raw = new double[width];
        var input = new float[width];
        var records = new List<DecisionRecord>();
        for (int row = 0; row < features.RowCount; row++)
        {
            if (features.Dates[row] < first)
            {
                continue;
            }

            ModelInputColumns.Window(columns, row, card.Lookback, raw);
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
}
