using System.CommandLine;
using MacroLab.Data;
using MacroLab.Data.Stages;
using MacroLab.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Cli;

/// <summary>The options that locate the lake, shared by every verb that reads or writes it.</summary>
internal sealed class LakeOptions
{
    public const string DefaultLake = "./macrolab-lake";

    public Option<string> Lake { get; } = new("--lake")
    {
        Description = "The lake: a folder, or s3://bucket/prefix (credentials from the AWS environment).",
        DefaultValueFactory = _ => DefaultLake,
        HelpName = "dir|s3://bucket/prefix",
    };

    public Option<string?> S3Endpoint { get; } = new("--s3-endpoint")
    {
        Description = "The S3 endpoint URL for an s3:// lake, e.g. an emulator at http://127.0.0.1:5000 (path-style addressing).",
        HelpName = "url",
    };

    public Option<string?> S3Region { get; } = new("--s3-region")
    {
        Description = "The AWS region of an s3:// lake (default: from the AWS environment).",
        HelpName = "region",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Lake);
        command.Options.Add(S3Endpoint);
        command.Options.Add(S3Region);
    }

    /// <summary>
    /// The lake's services, configured through <c>AddMacroLabData</c>; options are validated here. With
    /// <paramref name="mustExist"/> (every verb that only reads a lake, or needs one made before), a local lake that does
    /// not exist is an error naming the path, so a mistyped <c>--lake</c> never creates an empty lake.
    /// </summary>
    public ServiceProvider Build(ParseResult parse, bool mustExist = false)
    {
        Check(parse, mustExist);
        ServiceProvider provider = Services(parse).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<MacroLabDataOptions>>().Value;
        return provider;
    }

    /// <summary>
    /// Checks a local lake's path: it must not be a file and, when <paramref name="mustExist"/>, it must be a folder that
    /// exists. (An s3:// lake is checked by its first request.)
    /// </summary>
    /// <exception cref="UsageException">The path is a file.</exception>
    /// <exception cref="DirectoryNotFoundException">The lake does not exist and must.</exception>
    public void Check(ParseResult parse, bool mustExist)
    {
        string lake = parse.GetValue(Lake) ?? DefaultLake;
        if (lake.StartsWith("s3://", StringComparison.Ordinal))
        {
            return;
        }

        string path = Path.GetFullPath(lake.StartsWith("file://", StringComparison.Ordinal) ? new Uri(lake).LocalPath : lake);
        if (File.Exists(path))
        {
            throw new UsageException($"--lake {path} is a file; a lake is a folder (or s3://bucket/prefix).");
        }

        if (mustExist && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"There is no lake at {path} (check --lake; macrolab run or macrolab ingest creates one).");
        }
    }

    /// <summary>The lake's service registrations, for a verb that adds more (the registry).</summary>
    public IServiceCollection Services(ParseResult parse)
    {
        string lake = parse.GetValue(Lake) ?? DefaultLake;
        string? endpoint = parse.GetValue(S3Endpoint);
        string? region = parse.GetValue(S3Region);
        return new ServiceCollection()
            .AddMacroLabData(options =>
            {
                options.Lake = lake;
                options.S3ServiceUrl = endpoint;
                options.S3ForcePathStyle = endpoint is not null;
                options.S3Region = region ?? (endpoint is not null ? "us-east-1" : null);
            });
    }

    public static (Lake Lake, IngestStage Ingest, FeatureStage Features) Resolve(ServiceProvider provider) =>
        (provider.GetRequiredService<Lake>(), provider.GetRequiredService<IngestStage>(), provider.GetRequiredService<FeatureStage>());
}
