using MacroLab.Ingest.Lambda;

return await IngestFunction.RunAsync(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"), default).ConfigureAwait(false);
