namespace MacroLab.Hosting.Configuration;

/// <summary>Where the model is registered, and whether a model that passes its gates becomes champion.</summary>
public sealed record RegistryConfig
{
    /// <summary>The registered model's name; null for the pipeline's name.</summary>
    /// <value>Default: null.</value>
    public string? Model { get; set; }

    /// <summary>The alias a version that passes every gate gets.</summary>
    /// <value>Default: <c>champion</c>.</value>
    public string Alias { get; set; } = "champion";

    /// <summary>Whether the promote stage moves the alias; when false, versions are registered and nothing is promoted.</summary>
    /// <value>Default: true.</value>
    public bool Promote { get; set; } = true;

    /// <summary><c>sqlite</c> (one file inside a local lake) or <c>dynamodb</c> (with artifacts in the lake's store).</summary>
    /// <value>Default: <c>sqlite</c>.</value>
    public string Backend { get; set; } = "sqlite";

    /// <summary>The SQLite file; null for <c>registry/registry.sqlite</c> inside the lake.</summary>
    /// <value>Default: null.</value>
    public string? SqlitePath { get; set; }

    /// <summary>The DynamoDB table.</summary>
    /// <value>Default: <c>macrolab-registry</c>.</value>
    public string DynamoDbTable { get; set; } = "macrolab-registry";

    /// <summary>The DynamoDB endpoint (an emulator's); null for AWS's.</summary>
    /// <value>Default: null.</value>
    public string? DynamoDbServiceUrl { get; set; }

    /// <summary>The AWS region; null for the SDK's resolution.</summary>
    /// <value>Default: null.</value>
    public string? Region { get; set; }
}
