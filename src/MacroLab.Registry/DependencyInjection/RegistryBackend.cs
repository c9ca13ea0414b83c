namespace MacroLab.Registry;

/// <summary>Where the registry keeps its records.</summary>
public enum RegistryBackend
{
    /// <summary>An embedded SQLite file, by default <c>registry/registry.sqlite</c> inside a local lake.</summary>
    Sqlite,

    /// <summary>A DynamoDB table (artifacts in the lake's store, S3 in the cloud).</summary>
    DynamoDb,
}
