namespace MacroLab.Registry;

/// <summary>Settings of the model registry, bound from configuration section <c>MacroLab:Registry</c> by convention.</summary>
public sealed class MacroLabRegistryOptions
{
    /// <summary>The relative path of the SQLite file inside a local lake.</summary>
    public const string DefaultSqliteFile = "registry/registry.sqlite";

    /// <summary>The backend.</summary>
    /// <value>Default: <see cref="RegistryBackend.Sqlite"/>.</value>
    public RegistryBackend Backend { get; set; } = RegistryBackend.Sqlite;

    /// <summary>The SQLite file; null for <see cref="DefaultSqliteFile"/> in the (local) lake.</summary>
    /// <value>Default: null.</value>
    public string? SqlitePath { get; set; }

    /// <summary>The DynamoDB table of the <see cref="RegistryBackend.DynamoDb"/> backend.</summary>
    /// <value>Default: <c>macrolab-registry</c>.</value>
    public string DynamoDbTable { get; set; } = "macrolab-registry";

    /// <summary>The DynamoDB endpoint, e.g. an emulator's <c>http://127.0.0.1:5000</c>; null for AWS's own.</summary>
    /// <value>Default: null.</value>
    public string? DynamoDbServiceUrl { get; set; }

    /// <summary>The DynamoDB region; null to use the SDK's resolution (environment, profile).</summary>
    /// <value>Default: null.</value>
    public string? DynamoDbRegion { get; set; }

    /// <summary>Create the DynamoDB table when it is missing (for development; deploy it with CloudFormation in production).</summary>
    /// <value>Default: false.</value>
    public bool CreateDynamoDbTable { get; set; }

    /// <summary>The object-store prefix of artifacts.</summary>
    /// <value>Default: <c>registry/artifacts</c>.</value>
    public string ArtifactPrefix { get; set; } = ModelRegistry.DefaultArtifactPrefix;
}
