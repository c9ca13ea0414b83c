namespace MacroLab.Data.Sources;

/// <summary>One response of a data service, kept in Bronze as received.</summary>
/// <param name="FileName">The name the bytes are kept under, e.g. <c>observations-1.json</c>.</param>
/// <param name="Content">The response body, byte for byte.</param>
/// <param name="Request">The request that returned it, with any credential removed (it is recorded in the Bronze manifest).</param>
public sealed record SourceResponse(string FileName, ReadOnlyMemory<byte> Content, string Request);
