using System.CommandLine;
using MacroLab.Hosting.Configuration;
using MacroLab.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MacroLab.Cli;

/// <summary>Where the model registry is: the lake's embedded SQLite file by default, or DynamoDB (artifacts in the lake's store).</summary>
internal sealed class RegistryCliOptions
{
    public Option<string?> Backend { get; } = new("--registry")
    {
        Description = "The registry backend: sqlite (the file registry/registry.sqlite inside a local lake; default) or dynamodb (artifacts in the lake's store).",
        HelpName = "sqlite|dynamodb",
    };

    public Option<FileInfo?> SqliteFile { get; } = new("--registry-file")
    {
        Description = "The SQLite registry file (default: <lake>/registry/registry.sqlite).",
        HelpName = "file",
    };

    public Option<string?> Table { get; } = new("--registry-table")
    {
        Description = "The DynamoDB table of the registry (default: macrolab-registry).",
        HelpName = "table",
    };

    public Option<string?> Endpoint { get; } = new("--dynamodb-endpoint")
    {
        Description = "The DynamoDB endpoint, e.g. an emulator at http://127.0.0.1:5000 (default: AWS's, credentials from the AWS environment).",
        HelpName = "url",
    };

    public Option<bool> CreateTable { get; } = new("--create-registry-table")
    {
        Description = "Create the DynamoDB table when it is missing (for development; deploy it with the CloudFormation template in production).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(SqliteFile);
        command.Options.Add(Table);
        command.Options.Add(Endpoint);
        command.Options.Add(CreateTable);
    }

    /// <summary>
    /// The lake's services plus the registry, from <paramref name="defaults"/> (a configuration's registry section) and the
    /// command line; with <paramref name="mustExist"/>, a local lake must exist (see <see cref="LakeOptions.Check"/>).
    /// </summary>
    public ServiceProvider Build(ParseResult parse, LakeOptions lake, RegistryConfig? defaults = null, bool mustExist = false)
    {
        lake.Check(parse, mustExist);
        defaults ??= new RegistryConfig();
        string backend = parse.GetValue(Backend) ?? defaults.Backend;
        if (backend is not ("sqlite" or "dynamodb"))
        {
            throw new UsageException($"--registry must be sqlite or dynamodb (got '{backend}').");
        }

        string? sqliteFile = parse.GetValue(SqliteFile)?.FullName ?? defaults.SqlitePath;
        if (backend == "sqlite" && sqliteFile is null && (parse.GetValue(lake.Lake) ?? LakeOptions.DefaultLake).StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new UsageException("an s3:// lake cannot hold the embedded SQLite registry: pass --registry dynamodb (with --registry-table, and --dynamodb-endpoint for an emulator), or --registry-file <local file>.");
        }

        ServiceProvider provider = lake.Services(parse)
            .AddMacroLabRegistry(o =>
            {
                o.Backend = backend == "dynamodb" ? RegistryBackend.DynamoDb : RegistryBackend.Sqlite;
                o.SqlitePath = sqliteFile;
                o.DynamoDbTable = parse.GetValue(Table) ?? defaults.DynamoDbTable;
                o.DynamoDbServiceUrl = parse.GetValue(Endpoint) ?? defaults.DynamoDbServiceUrl;
                o.DynamoDbRegion = parse.GetValue(lake.S3Region) ?? defaults.Region;
                o.CreateDynamoDbTable = parse.GetValue(CreateTable);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<MacroLab.Data.MacroLabDataOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<MacroLabRegistryOptions>>().Value;
        return provider;
    }
}
