using System.Globalization;
using System.Text;
using MacroLab.Backtest.Gates;
using MacroLab.Backtest.Grid;
using MacroLab.Backtest.Simulation;
using MacroLab.Backtest.WalkForward;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// The configuration file <c>macrolab config init</c> writes: every field with its default value and a comment saying what
/// it does, as YAML (or JSON with comments). Reading it back gives exactly the defaults.
/// </summary>
public static class PipelineConfigTemplate
{
    // The universe section, all comments but its first line (inserted verbatim: its braces are YAML, not interpolation).
    private const string UniverseComment = """
        universe: null                    # the assets whose returns and labels are built; null = us_macro5. Your own (samples/configs/multi_asset.yaml):
                                          #   universe:
                                          #     name: mine                # gold/assets/mine, gold/labels/mine
                                          #     assets:                   # kinds: returns (a sum of monthly return series), price (P_t / P_t-1 - 1), bond (a par bond
                                          #                               #   from a yield in %, with maturity in years), fx (one foreign unit in home currency:
                                          #                               #   quote foreign-per-home or home-per-foreign, optional depositRate series in % per year)
                                          #       - { name: EQ, kind: returns, series: [FF.Mkt-RF, FF.RF] }
                                          #       - { name: JPY, kind: fx, series: [EXJPUSx], quote: foreign-per-home }
                                          #       - { name: CASH, kind: returns, series: [FF.RF] }
                                          #     costBps: { JPY: 3 }       # per asset, bp of traded notional; others cost simulation.defaultCostBps
                                          #     maxWeight: { JPY: 0.25 }  # per asset cap on |weight|; others are capped at simulation.maxGrossLeverage
        """;

    /// <summary>The defaults as commented YAML.</summary>
    public static string Yaml()
    {
        var d = new PipelineConfig();
        var y = new StringBuilder();
        y.Append($"""
            # MacroLab pipeline configuration: what `macrolab run --config <this file>` does.
            # Every field below is at its default; delete what you do not change (a missing field keeps its default;
            # a list you give replaces the default list). Unknown fields are errors. Stages: ingest, features, signals, monitor,
            # backtest, train, gates, register, promote, drift, decide, track, report (run a part with --from/--until).

            name: {d.Name}                  # backtests, models and runs go to gold/*/{d.Name}; also the registered model's name
            seed: {d.Seed}                          # master seed of every learner and network that sets none of its own

            data:
              folder: null                    # source paths are relative to it; null = the bundled sample data (or --data)
              sources:                        # formats: fredmd, fredmd-archive, rtdsm, alfred, alfred-wide, fred-api, fred, famafrench, h15, long, calendar, concepts

            """);
        foreach (SourceConfig s in d.Data.Sources)
        {
            y.Append($"    - format: {s.Format}\n      path: {s.Path}\n");
            Optional(y, "      ", "name", s.Name);
            Optional(y, "      ", "vintage", s.Vintage is null ? null : Quote(s.Vintage));
        }

        FeaturesConfig f = d.Features;
        y.Append($"""

            features:
              name: {f.Name}            # gold/features/<name>@<variant>
              series: null                    # the series the default features use (FRED-MD t-codes, headline YoY + z-scores, market windows, regimes); null = all
              extra: []                       # more features, e.g. - {"{"} name: GS10.level.z60, series: GS10, transform: level, window: zscore, windowLength: 60 {"}"}
                                              #   transform: level, diff, diff2, log, logdiff, logdiff2, pctdiff, yoy, yoylog, yoydiff; window: none, mean, sum, std, zscore
              policy: {f.Policy}               # before a series' first vintage: backfill (first vintage known at period + publication lag, flagged pseudo-real-time) or strict
              maxStalenessDays: {f.MaxStalenessDays}           # a value whose period began more than this long before the decision is missing (null = no limit)
              start: null                     # first month-end decision (yyyy-MM-dd); null = earliest release
              end: null                       # last one; null = latest release
              labelHorizons: [{string.Join(", ", f.LabelHorizons)}]           # forward-return labels, in months (must include 1)

            treatments:                       # macro surprises whose walk-forward CATE signals (cate.<asset>) join the features

            """);
        foreach (TreatmentConfig t in d.Treatments)
        {
            y.Append($"""
                  - name: {t.Name}             # gold/signals/<name>@<variant>
                    feature: {t.Feature}          # the surprise is this feature minus its expectation from earlier values only
                    expectation: {t.Expectation}               # previous, mean (rolling) or ar1
                    window: {t.Window}                      # window of the rolling mean / AR(1) fit
                    threshold: {Number(t.Threshold)}                  # treated when the surprise exceeds this many standard deviations of earlier surprises
                    arms: {t.Arms}                    # binary, or three (negative, neutral, positive)
                    covariates: [{string.Join(", ", t.Covariates)}]
                    horizon: {t.Horizon}                      # outcome: each asset's return over this many months (a label horizon)
                    refitEvery: {t.RefitEvery}                  # months between refits, each on outcomes already known
                    minTrain: {t.MinTrain}                   # samples before the first fit
                    learner: {t.Learner}                      # x, t or s (meta-learner)
                    base: {t.Base}                   # linear (ridge + logistic propensity), gbm (gradient-boosted trees) or auto (chosen per stage by 5-fold CV)
                    seed: null                      # null = the master seed
                    bootstrap: {t.Bootstrap}                    # resamples per refit for the signals' 90 % intervals (cate.<asset>.lower/.upper; not model inputs); 0 = none

                """);
        }

        y.Append("""

            models:
              candidates:                     # TorchSharp tilt models searched together; every combination is a walk-forward trial and all count in the DSR

            """);
        foreach (CandidateConfig c in d.Models.Candidates)
        {
            y.Append($"    - strategy: {c.Strategy}\n");
            y.Append(c.Parameters.Count == 0 ? "      parameters: {}\n" : $"      parameters: {{ {string.Join(", ", c.Parameters.Select(p => $"{p.Key}: {p.Value}"))} }}\n");
            y.Append($"      grid: {{ {string.Join(", ", c.Grid.Select(g => $"{g.Key}: [{string.Join(", ", g.Value.Select(Quote))}]"))} }}\n");
        }

        y.Append("""
                                              # tilt-mlp: hidden (e.g. "64-32", none), activation, layerNorm; tilt-transformer: lookback, width, heads, layers, feedForward, positions;
                                              # both: horizon, tiltScale, minCoverage, grossLimit, longOnly, dropout, loss (mse, sharpe), epochs, batchSize, learningRate,
                                              # weightDecay, patience, validationFraction, turnoverPenalty, seed, threads
              benchmarks:                     # baselines on the same walk-forward, for the report

            """);
        foreach (BenchmarkConfig b in d.Models.Benchmarks)
        {
            y.Append(b.Parameters.Count == 0
                ? $"    - strategy: {b.Strategy}\n"
                : $"    - strategy: {b.Strategy}\n      parameters: {{ {string.Join(", ", b.Parameters.Select(p => $"{p.Key}: {p.Value}"))} }}\n");
        }

        y.Append("""
              ablations:                      # the same nested search without a group of inputs; the report gives each one's Sharpe difference with a CI

            """);
        foreach (AblationConfig a in d.Models.Ablations)
        {
            y.Append($"    - name: {a.Name}\n      dropSignals: {(a.DropSignals ? "true" : "false")}\n      drop: [{string.Join(", ", a.Drop)}]\n      keep: {(a.Keep is null ? "null" : $"[{string.Join(", ", a.Keep)}]")}\n");
        }

        y.Append("""
                                              # e.g. - { name: without-regimes, drop: ["regime.*"] }; - { name: prices-only, dropSignals: true, keep: ["FF.*", T10YFFM.tcode1, BAAFFM.tcode1] }

            """);
        ModelsConfig m = d.Models;
        WalkForwardOptions w = d.WalkForward;
        SimulationOptions s2 = d.Simulation;
        GridSearchOptions sel = d.Selection;
        GateOptions g2 = d.Gates;
        y.Append($"""
              features:                       # the Gold columns the models read (plus every treatment's signals); null = all; real-time histories by default
            {string.Join("\n", (m.Features ?? []).Select(f => $"    - {f}"))}
              assets: null                    # the assets to trade; null = every asset of the universe (us_macro5: US_EQUITY, SMB, HML, UST10Y, CASH)
              riskFreeAsset: {m.RiskFreeAsset}             # funds the tilts and defines excess returns
              start: null                     # first decision of the backtest; null = the first with every asset's return
              end: null
              maxParallelism: null            # trials at once; null = the processor count (results do not depend on it)

            {UniverseComment}

            calendar: month-end               # decisions at month-end, week-end (Fridays) or business-day (Monday-Friday); labels, walk-forward periods and
                                              #   the simulator follow it; week-end and business-day need daily asset data (samples/configs/daily_ff.yaml)
            periodsPerYear: {d.PeriodsPerYear}                # periods a year for the metrics: 12 for month-end, 52 for week-end, 261 for business-day

            walkForward:
              window: {w.Window}               # Expanding or Rolling
              trainPeriods: {w.TrainPeriods}               # at least this many months before the first test
              testPeriods: {w.TestPeriods}                 # refit every this many months
              alignToMonth: {w.AlignToMonth}                  # refits in this calendar month (1 = January); null = from the first test
              purge: null                     # months dropped before each test window; null = the label horizon (never less)
              embargo: {w.Embargo}                      # months dropped after each test window
              firstTestDate: null
              combinatorial: null             # combinatorial purged CV instead: {"{"} groups: 6, testGroups: 2 {"}"}

            simulation:
              costBps: null                   # cost per asset in bp of traded notional; null = defaultCostBps for all
              defaultCostBps: {Number(s2.DefaultCostBps)}
              maxGrossLeverage: {Number(s2.MaxGrossLeverage)}
              rebalanceThreshold: {Number(s2.RebalanceThreshold)}           # skip trades whose one-way turnover is below this
              rebalanceEvery: {s2.RebalanceEvery}

            selection:                        # how the grid selects; a trial must meet the constraints to be selected
              mode: {sel.Mode.ToString().ToLowerInvariant()}                    # nested: at each refit the best trial on the months realised by then trades the next window; global: once, with hindsight (labelled so)
              minSelectionPeriods: {sel.MinSelectionPeriods}         # nested: the record starts at the first refit with this many realised months to choose on
              maxDrawdown: {Number(sel.MaxDrawdown)}
              maxAnnualTurnover: {Number(sel.MaxAnnualTurnover)}

            lockbox:                          # the last months, held out of every backtest, selection and gate; opened only for a candidate that passed everything else
              periods: {d.Lockbox.Periods}                     # 0 = no lockbox; every opening is recorded in the registry's trial ledger and counted
              minSharpe: {Number(d.Lockbox.MinSharpe)}                 # a gate on the candidate's Sharpe ratio in the lockbox; null = report only

            gates:                            # promotion gates on the selected trial's out-of-sample record (null switches one off)
              minSharpe: {Number(g2.MinSharpe)}
              maxDrawdown: {Number(g2.MaxDrawdown)}
              maxAnnualTurnover: {Number(g2.MaxAnnualTurnover)}
              minDeflatedSharpe: {Number(g2.MinDeflatedSharpe)}        # deflated by every trial in the registry's ledger on the same data, from any run
              minPeriods: {g2.MinPeriods}
              benchmarkSignificance: {Number(g2.BenchmarkSignificance)}     # beat the best benchmark over the same months: Ledoit-Wolf bootstrap test of the Sharpe difference, one-sided p below this
              championSignificance: {Number(g2.ChampionSignificance)}      # and not be significantly worse than the current champion (one-sided p of "worse" not below this)

            validation:                       # checks of the model itself, gates too
              onnxTolerance: {Number(d.Validation.OnnxTolerance)}             # ONNX Runtime must reproduce TorchSharp's tilts this closely
              maxPseudoRealTimeShare: 0.5     # refuse a model whose input cells (out of sample) rest more than this share on backfilled data; null = report only

            monitoring:                       # the retraining policy of the monitor stage, after each ingest
              driftShare: {Number(d.Monitoring.DriftShare)}                 # the share of the model's inputs that must drift on the new Gold rows
              consecutiveRuns: {d.Monitoring.ConsecutiveRuns}              # ask for retraining after this many drifted checks in a row; 0 = never for drift
              retrainOnUnderperformance: {(d.Monitoring.RetrainOnUnderperformance ? "true" : "false")}  # ask for retraining when the champion's live record underperforms its backtest

            registry:
              model: null                     # null = the pipeline's name
              alias: {d.Registry.Alias}                 # set on versions that pass every gate; a rejected version never gets it
              promote: {(d.Registry.Promote ? "true" : "false")}
              backend: {d.Registry.Backend}                 # sqlite (a file in the lake) or dynamodb (artifacts in the lake's store)
              sqlitePath: null                # null = <lake>/registry/registry.sqlite
              dynamoDbTable: {d.Registry.DynamoDbTable}
              dynamoDbServiceUrl: null        # an emulator's endpoint; null = AWS
              region: null

            """);
        return AlignComments(y.ToString());
    }

    /// <summary>Every trailing comment starts in one column (the 35th), whatever the length of the value before it.</summary>
    private static string AlignComments(string yaml)
    {
        const int Column = 34;
        var aligned = new StringBuilder(yaml.Length + 1024);
        foreach (string line in yaml.Split('\n'))
        {
            int comment = line.IndexOf(" #", StringComparison.Ordinal);
            string code = comment > 0 ? line[..comment].TrimEnd() : string.Empty;
            aligned.Append(code.Trim().Length == 0 ? line : $"{code.PadRight(Column - 1)} {line[(comment + 1)..].TrimStart()}").Append('\n');
        }

        return aligned.ToString(0, aligned.Length - 1);
    }

    private static void Optional(StringBuilder y, string indent, string field, string? value)
    {
        if (value is not null)
        {
            y.Append(indent).Append(field).Append(": ").Append(value).Append('\n');
        }
    }

    private static string Quote(string text) => $"\"{text}\"";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
