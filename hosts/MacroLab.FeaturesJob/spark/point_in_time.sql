-- MacroLab: the point-in-time as-of join of Silver observations at month-end decision dates, in Spark SQL, for teams
-- that run their transforms on EMR Serverless (README.md beside this file shows the job run). It reproduces the core of
-- MacroLab.Data's FeatureStage under the strict vintage policy: for each decision date t and series, the value of the
-- newest period known at t, as it stood in the newest vintage published by t. The FRED-MD transforms, windows, regimes,
-- first-vintage backfill, labels and per-cell provenance stay in the .NET stage (MacroLab.FeaturesJob container job).
--
-- Variables (-hivevar): lake (s3://bucket/prefix, no trailing slash), start and end (yyyy-MM-dd), max_staleness_days,
-- output (an S3 prefix outside the lake: MacroLab's Gold is written only by the .NET stage, which versions it).

-- Silver observation parts and their manifests. A dataset folder keeps earlier parts after a revision; only the part its
-- _manifest.json names (dataKey) is current, so parts are joined to manifests by file name.
CREATE TEMPORARY VIEW silver_manifests
USING json
OPTIONS (path '${lake}/silver/observations/*/*/_manifest.json', multiLine 'true');

CREATE TEMPORARY VIEW silver_parts
USING parquet
OPTIONS (path '${lake}/silver/observations/*/*/part-*.parquet');

CREATE TEMPORARY VIEW observations AS
SELECT p.series, p.period, p.value, p.available_at, p.vintage, p.timing
FROM (SELECT *, input_file_name() AS part_file FROM silver_parts) p
JOIN silver_manifests m ON p.part_file LIKE concat('%/', m.dataKey);

-- Month-end decision dates.
CREATE TEMPORARY VIEW decision_dates AS
SELECT last_day(month_start) AS decision_date
FROM (SELECT explode(sequence(to_date('${start}'), to_date('${end}'), interval 1 month)) AS month_start);

-- Everything published by t (available_at <= t: a value is usable only from the day it was released).
CREATE TEMPORARY VIEW known AS
SELECT d.decision_date, o.*
FROM decision_dates d
JOIN observations o ON o.available_at <= d.decision_date;

-- Per (t, series, period), the value as it stood at t: the newest release known by then (revisions after t are unseen).
CREATE TEMPORARY VIEW as_of AS
SELECT * FROM (
  SELECT k.*, row_number() OVER (PARTITION BY decision_date, series, period ORDER BY available_at DESC, vintage DESC) AS release_rank
  FROM known k)
WHERE release_rank = 1;

-- Per (t, series), the newest period known, unless it is stale.
CREATE TEMPORARY VIEW latest AS
SELECT * FROM (
  SELECT a.*, row_number() OVER (PARTITION BY decision_date, series ORDER BY period DESC) AS period_rank
  FROM as_of a)
WHERE period_rank = 1 AND datediff(decision_date, period) <= ${max_staleness_days};

INSERT OVERWRITE DIRECTORY '${output}'
USING parquet
SELECT decision_date, series, value, period, available_at, vintage, timing
FROM latest
ORDER BY decision_date, series;
