namespace MacroLab.Registry;

/// <summary>A file of a model version, stored once in the lake's object store and never replaced.</summary>
/// <param name="Name">The artifact's name within the version, e.g. <c>model.onnx</c>.</param>
/// <param name="Key">Its object key in the lake's store.</param>
/// <param name="Sha256">The lower-case hexadecimal SHA-256 of its bytes, verified on every download.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ContentType">Its media type.</param>
public sealed record ArtifactRecord(string Name, string Key, string Sha256, long Size, string ContentType);
