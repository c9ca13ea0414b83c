using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace MacroLab.Causal.Tests;

public sealed class GradientBoostedTreesTests
{
    private sealed class Row
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    [Theory]
    [InlineData(TreeEngine.LightGbm)]
    [InlineData(TreeEngine.FastTree)]
    public void Predictions_match_ml_net_and_repeat_exactly_with_more_threads(TreeEngine engine)
    {
        var random = new Random(3);
        int n = 500;
        var x = new double[n * 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[(i * 3) + j] = Designs.Gaussian(random);
            }

            y[i] = Math.Sin(x[i * 3]) + (x[(i * 3) + 1] > 0 ? 1 : 0) + (0.1 * Designs.Gaussian(random));
        }

        var learner = new GradientBoostedTreesLearner { Engine = engine };
        var problem = new LearningProblem(x, 3, y, default, seed: 17);
        IRegressionModel ours = learner.Fit(problem, CancellationToken.None);
        IRegressionModel again = new GradientBoostedTreesLearner { Engine = engine, Threads = 2 }.Fit(problem, CancellationToken.None);

        // The same trainer through ML.NET's own prediction path.
        var context = new MLContext(17);
        Row[] rows = [.. Enumerable.Range(0, n).Select(i => new Row { Features = [.. x.Skip(i * 3).Take(3).Select(v => (float)v)], Label = (float)y[i] })];
        IDataView view = context.Data.LoadFromEnumerable(rows);
        ITransformer model = engine == TreeEngine.FastTree
            ? context.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, LearningRate = 0.05, NumberOfThreads = 1, Seed = 17,
            }).Fit(view)
            : context.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, LearningRate = 0.05, NumberOfThreads = 1, Seed = 17, Silent = true,
            }).Fit(view);
        float[] scores = [.. context.Data.CreateEnumerable<Score>(model.Transform(context.Data.LoadFromEnumerable(rows)), reuseRowObject: false).Select(s => s.Value)];

        for (int i = 0; i < n; i++)
        {
            double prediction = ours.Predict(x.AsSpan(i * 3, 3));
            Assert.Equal(scores[i], prediction, 4);
            Assert.Equal(prediction, again.Predict(x.AsSpan(i * 3, 3)));
        }
    }

    private sealed class Score
    {
        [ColumnName("Score")]
        public float Value { get; set; }
    }
}
