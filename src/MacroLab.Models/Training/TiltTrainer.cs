using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using MacroLab.Models.Architecture;
using MacroLab.Scoring;
using MacroLab.Models.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MacroLab.Models.Training;

/// <summary>
/// Trains tilt models. The latest <see cref="TrainingOptions.ValidationFraction"/> of the samples validate (after a purge of
/// <see cref="TiltSamples.Horizon"/> periods, so no training target overlaps a validation one); features are standardised
/// with training statistics only; every step runs inside a TorchSharp dispose scope, so native memory does not grow across
/// epochs; early stopping keeps the best validation epoch. See <see cref="TrainingOptions"/> for the reproducibility rules.
/// </summary>
public static class TiltTrainer
{
    private const int MinimumTrainingSamples = 8;

    /// <summary>Trains a model.</summary>
    /// <param name="samples">The samples, in time order; their lookback must match the architecture's.</param>
    /// <param name="model">The architecture.</param>
    /// <param name="training">The training options.</param>
    /// <param name="name">The model's name, for the card.</param>
    /// <param name="lineage">Where the samples came from, copied into the card.</param>
    /// <param name="progress">Receives one report per epoch, on the training thread.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <exception cref="ArgumentException">An option is invalid, the lookback does not match, or there are too few samples (the message says how many).</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public static TrainingResult Train(
        TiltSamples samples, TiltModelOptions model, TrainingOptions training, string name = "tilt-model",
        IReadOnlyDictionary<string, string>? lineage = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        model.Validate();
        training.Validate();
        if (samples.Lookback != model.Lookback)
        {
            throw new ArgumentException($"The samples have windows of {samples.Lookback} decision dates but the {model.Architecture} expects {model.Lookback}; build the samples with lookback {model.Lookback}.", nameof(samples));
        }

        Split split = Split.Of(samples, training.ValidationFraction);
        using TorchThreads.Lease lease = TorchThreads.Process.Acquire(training.Threads, cancellationToken);
        return new Run(samples, model, training, split, progress, cancellationToken).Execute(name, lineage ?? new Dictionary<string, string>());
    }

    /// <summary>The training samples [0, TrainEnd) and validation samples [ValidationStart, Count).</summary>
    private readonly record struct Split(int TrainEnd, int ValidationStart, int Count)
    {
        public int Validation => Count - ValidationStart;

        public static Split Of(TiltSamples samples, double fraction)
        {
            int n = samples.Count, validation = (int)Math.Floor(n * fraction);
            if (fraction > 0 && validation < 2)
            {
                validation = Math.Min(2, n);
            }

            int start = n - validation, trainEnd = start;
            if (validation > 0)
            {
                // A training target spans (row, row + horizon]; it must be realised by the first validation decision.
                while (trainEnd > 0 && samples.Row(trainEnd - 1) + samples.Horizon > samples.Row(start))
                {
                    trainEnd--;
                }
            }

            if (trainEnd < MinimumTrainingSamples)
            {
                throw new ArgumentException(
                    $"Training needs at least {MinimumTrainingSamples} training samples; {n} samples leave {trainEnd} after holding out {validation} for validation and purging {start - trainEnd}. Use more data, fewer features with gaps, or a smaller validationFraction.");
            }

            return new Split(trainEnd, start, n);
        }
    }

    /// <summary>One training run: its tensors, network, optimiser and clocks.</summary>
    private sealed class Run(TiltSamples samples, TiltModelOptions model, TrainingOptions training, Split split, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        private long _data, _forward, _backward, _optimizer, _validation;

        public TrainingResult Execute(string name, IReadOnlyDictionary<string, string> lineage)
        {
            long started = Stopwatch.GetTimestamp();
            int features = samples.FeatureNames.Count, assets = samples.Assets.Count, lookback = samples.Lookback;
            (float[] mean, float[] deviation) = FeatureStatistics();
            float[] scale = TargetScale();

            using var initGenerator = new Generator(unchecked((ulong)training.Seed));
            using var dropoutGenerator = new Generator(unchecked((ulong)training.Seed + 0x9E3779B97F4A7C15UL));
            var shuffle = new Random(training.Seed);
            TiltNetwork? owned = TiltNetwork.Create(model, features, assets, initGenerator);
            try
            {
                TiltNetwork network = owned;
                network.SetStatistics(mean, deviation);
                network.DropoutGenerator = dropoutGenerator;
                long[] shape = lookback == 1 ? [samples.Count, features] : [samples.Count, lookback, features];
                using Tensor x = tensor(samples.AllWindows, shape);
                using Tensor returns = tensor(samples.AllTargets, [samples.Count, assets]);
                using Tensor scaleTensor = tensor(scale);
                using Tensor targets = training.Loss == TiltLoss.Mse ? returns / scaleTensor : returns.alias();
                Parameter[] parameters = [.. network.parameters()];
                using var optimizer = new TiltAdam(parameters, training.Optimizer, training.LearningRate, training.WeightDecay);

                var history = new List<EpochRecord>();
                float[][]? best = null;
                double bestLoss = double.PositiveInfinity;
                int bestEpoch = 0, epoch = 0;
                bool stoppedEarly = false;
                while (epoch < training.Epochs)
                {
                    epoch++;
                    double rate = LearningRate(epoch);
                    optimizer.LearningRate = rate;

                    network.train();
                    double trainingLoss = TrainEpoch(network, optimizer, parameters, x, targets, shuffle);
                    double? validationLoss = null;
                    if (split.Validation > 0)
                    {
                        long v0 = Stopwatch.GetTimestamp();
                        validationLoss = Evaluate(network, x, targets, split.ValidationStart, split.Count);
                        _validation += Stopwatch.GetTimestamp() - v0;
                        if (validationLoss < bestLoss)
                        {
                            bestLoss = validationLoss.Value;
                            bestEpoch = epoch;
                            best = Snapshot(parameters);
                        }
                    }
                    else
                    {
                        bestEpoch = epoch;
                    }

                    history.Add(new EpochRecord(epoch, trainingLoss, validationLoss, rate));
                    progress?.Report(new TrainingProgress(epoch, training.Epochs, trainingLoss, validationLoss, rate, Stopwatch.GetElapsedTime(started)));
                    if (split.Validation > 0 && epoch - bestEpoch >= training.Patience)
                    {
                        stoppedEarly = epoch < training.Epochs;
                        break;
                    }
                }

                if (best is not null)
                {
                    Restore(parameters, best);
                }

                network.DropoutGenerator = null;
                double finalTraining = Evaluate(network, x, targets, 0, split.TrainEnd);
                double? finalValidation = split.Validation > 0 ? Evaluate(network, x, targets, split.ValidationStart, split.Count) : null;
                double? trivial = split.Validation > 0 ? TrivialLoss(targets, split.ValidationStart, split.Count) : null;
                var metrics = new TrainingMetrics(training.Loss.ToString(), finalTraining, finalValidation, trivial, bestEpoch, epoch, stoppedEarly);
                ModelCard card = Card(network, name, lineage, metrics);
                var timings = new TrainingTimings(
                    Stopwatch.GetElapsedTime(0, _data), Stopwatch.GetElapsedTime(0, _forward), Stopwatch.GetElapsedTime(0, _backward),
                    Stopwatch.GetElapsedTime(0, _optimizer), Stopwatch.GetElapsedTime(0, _validation), Stopwatch.GetElapsedTime(started));
#pragma warning disable CA2000 // The model owns the network from here and is handed to the caller, who disposes it.
                var result = new TrainingResult(new TiltModel(network, card), history, timings);
#pragma warning restore CA2000
                owned = null;
                return result;
            }
            finally
            {
                owned?.Dispose();
            }
        }

        private double TrainEpoch(TiltNetwork network, TiltAdam optimizer, Parameter[] parameters, Tensor x, Tensor targets, Random shuffle)
        {
            List<long[]> batches = Batches(shuffle);
            double sum = 0;
            foreach (long[] batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                long t0 = Stopwatch.GetTimestamp();
                Tensor index = tensor(batch);
                Tensor xb = x.index_select(0, index), yb = targets.index_select(0, index);
                long t1 = Stopwatch.GetTimestamp();
                Tensor loss = Loss(network.forward(xb), yb);
                long t2 = Stopwatch.GetTimestamp();
                optimizer.ZeroGrad();
                loss.backward();
                long t3 = Stopwatch.GetTimestamp();
                if (training.GradientClipNorm is { } clip)
                {
                    nn.utils.clip_grad_norm_(parameters, clip);
                }

                optimizer.Step();
                long t4 = Stopwatch.GetTimestamp();
                sum += loss.item<float>();
                _data += t1 - t0;
                _forward += t2 - t1;
                _backward += t3 - t2;
                _optimizer += t4 - t3;
            }

            return sum / batches.Count;
        }

        /// <summary>
        /// MSE: a seeded permutation of the training samples in batches. Negative Sharpe: contiguous blocks (turnover needs
        /// neighbouring dates) from a seeded offset, in a seeded order; blocks shorter than 2 samples join their neighbour.
        /// </summary>
        private List<long[]> Batches(Random shuffle)
        {
            int n = split.TrainEnd, size = Math.Min(training.BatchSize, n);
            var batches = new List<long[]>();
            if (training.Loss == TiltLoss.Mse)
            {
                long[] order = [.. Enumerable.Range(0, n).Select(i => (long)i)];
                shuffle.Shuffle(order);
                for (int s = 0; s < n; s += size)
                {
                    batches.Add(order[s..Math.Min(n, s + size)]);
                }

                return batches;
            }

            var starts = new List<int> { 0 };
            for (int s = shuffle.Next(size); s < n; s += size)
            {
                if (s >= 2 && n - s >= 2)
                {
                    starts.Add(s);
                }
            }

            starts = [.. starts.Distinct().Order()];
            for (int b = 0; b < starts.Count; b++)
            {
                int end = b + 1 < starts.Count ? starts[b + 1] : n;
                batches.Add([.. Enumerable.Range(starts[b], end - starts[b]).Select(i => (long)i)]);
            }

            shuffle.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
            return batches;
        }

        private Tensor Loss(Tensor tilts, Tensor targets)
        {
            // Explicit scalars throughout: see ScalarSafe.
            if (training.Loss == TiltLoss.Mse)
            {
                return ScalarSafe.Power(ScalarSafe.Subtract(tilts, targets), 2).mean();
            }

            Tensor portfolio = tilts.mul(targets).sum(1);
            Tensor sharpe = portfolio.mean().div(ScalarSafe.AddNumber(portfolio.std(), 1e-6));
            Tensor turnover = ScalarSafe.Subtract(tilts[1.., ..], tilts[..^1, ..]).abs().sum(1).mean();
            return ScalarSafe.Add(sharpe.neg(), ScalarSafe.Multiply(turnover, training.TurnoverPenalty));
        }

        private double Evaluate(TiltNetwork network, Tensor x, Tensor targets, int from, int to)
        {
            bool wasTraining = network.training;
            network.eval();
            try
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                Tensor xs = x.narrow(0, from, to - from), ys = targets.narrow(0, from, to - from);
                return Loss(network.forward(xs), ys).item<float>();
            }
            finally
            {
                network.train(wasTraining);
            }
        }

        private double TrivialLoss(Tensor targets, int from, int to)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor ys = targets.narrow(0, from, to - from);
            using Scalar equal = (model.Head.GrossLimit / samples.Assets.Count).ToScalar();
            Tensor tilts = training.Loss == TiltLoss.Mse ? zeros_like(ys) : full_like(ys, equal);
            return Loss(tilts, ys).item<float>();
        }

        private (float[] Mean, float[] Deviation) FeatureStatistics()
        {
            int features = samples.FeatureNames.Count;
            var mean = new double[features];
            var squares = new double[features];
            for (int k = 0; k < split.TrainEnd; k++)
            {
                ReadOnlySpan<float> window = samples.Window(k);
                ReadOnlySpan<float> last = window[^features..];
                for (int f = 0; f < features; f++)
                {
                    mean[f] += last[f];
                }
            }

            for (int f = 0; f < features; f++)
            {
                mean[f] /= split.TrainEnd;
            }

            for (int k = 0; k < split.TrainEnd; k++)
            {
                ReadOnlySpan<float> last = samples.Window(k)[^features..];
                for (int f = 0; f < features; f++)
                {
                    double d = last[f] - mean[f];
                    squares[f] += d * d;
                }
            }

            return ([.. mean.Select(m => (float)m)], [.. squares.Select(s => (float)Math.Sqrt(s / Math.Max(1, split.TrainEnd - 1)))]);
        }

        private float[] TargetScale()
        {
            int assets = samples.Assets.Count;
            var scale = new float[assets];
            for (int a = 0; a < assets; a++)
            {
                double sum = 0, squares = 0;
                for (int k = 0; k < split.TrainEnd; k++)
                {
                    double r = samples.Targets(k)[a];
                    sum += r;
                    squares += r * r;
                }

                double m = sum / split.TrainEnd;
                double variance = Math.Max(0, (squares / split.TrainEnd) - (m * m));
                scale[a] = (float)Math.Max(Math.Sqrt(variance), 1e-8);
            }

            return scale;
        }

        private double LearningRate(int epoch)
        {
            double baseRate = training.LearningRate;
            if (epoch <= training.WarmupEpochs)
            {
                return baseRate * (0.1 + (0.9 * epoch / training.WarmupEpochs));
            }

            int span = Math.Max(1, training.Epochs - training.WarmupEpochs);
            double progressed = (epoch - training.WarmupEpochs - 1) / (double)span;
            return training.Schedule switch
            {
                LearningRateSchedule.Cosine => baseRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * progressed)))),
                LearningRateSchedule.Step => baseRate * Math.Pow(0.5, Math.Floor(progressed * 4)),
                _ => baseRate,
            };
        }

        private static float[][] Snapshot(Parameter[] parameters) => [.. parameters.Select(p => p.data<float>().ToArray())];

        private static void Restore(Parameter[] parameters, float[][] values)
        {
            using var noGrad = no_grad();
            for (int i = 0; i < parameters.Length; i++)
            {
                using Tensor source = tensor(values[i], parameters[i].shape);
                parameters[i].copy_(source);
            }
        }

        private ModelCard Card(TiltNetwork network, string name, IReadOnlyDictionary<string, string> lineage, TrainingMetrics metrics)
        {
            int from = split.Validation > 0 ? split.ValidationStart : 0;
            int first = Math.Max(from, split.Count - 5);
            int rowWidth = samples.Lookback * samples.FeatureNames.Count;
            float[] inputs = samples.AllWindows[(first * rowWidth)..(split.Count * rowWidth)];
            network.eval();
            float[] outputs;
            using (var scope = NewDisposeScope())
            using (var noGrad = no_grad())
            {
                long[] shape = samples.Lookback == 1 ? [split.Count - first, samples.FeatureNames.Count] : [split.Count - first, samples.Lookback, samples.FeatureNames.Count];
                outputs = network.forward(tensor(inputs, shape)).data<float>().ToArray();
            }

            int assets = samples.Assets.Count;
            var example = new InputExample(
                [.. Enumerable.Range(first, split.Count - first).Select(samples.Date)],
                [.. Enumerable.Range(0, split.Count - first).Select(i => (IReadOnlyList<float>)inputs[(i * rowWidth)..((i + 1) * rowWidth)])],
                [.. Enumerable.Range(0, split.Count - first).Select(i => (IReadOnlyList<float>)outputs[(i * assets)..((i + 1) * assets)])]);
            return new ModelCard
            {
                Name = name,
                Model = model,
                Training = training,
                FeatureNames = samples.FeatureNames,
                Assets = samples.Assets,
                Lookback = samples.Lookback,
                Horizon = samples.Horizon,
                TrainingWindow = new SampleWindow(samples.Date(0), samples.Date(split.TrainEnd - 1), split.TrainEnd),
                ValidationWindow = split.Validation > 0 ? new SampleWindow(samples.Date(split.ValidationStart), samples.Date(split.Count - 1), split.Validation) : null,
                Metrics = metrics,
                WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(TiltModel.SerializeWeights(network))),
                InputMeans = TrainingMeans(rowWidth),
                InputExample = example,
                Software = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["MacroLab.Models"] = Version(typeof(TiltTrainer).Assembly),
                    ["TorchSharp"] = Version(typeof(Tensor).Assembly),
                },
                Lineage = new SortedDictionary<string, string>(lineage.ToDictionary(), StringComparer.Ordinal),
            };
        }

        /// <summary>Each feature's mean over the training samples (the newest date of each window, so every date counts once).</summary>
        private double[] TrainingMeans(int rowWidth)
        {
            int features = samples.FeatureNames.Count, newest = rowWidth - features;
            var means = new double[features];
            for (int k = 0; k < split.TrainEnd; k++)
            {
                for (int f = 0; f < features; f++)
                {
                    means[f] += samples.AllWindows[(k * rowWidth) + newest + f];
                }
            }

            for (int f = 0; f < features; f++)
            {
                means[f] = split.TrainEnd == 0 ? 0 : means[f] / split.TrainEnd;
            }

            return means;
        }

        private static string Version(Assembly assembly) =>
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
