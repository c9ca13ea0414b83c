using MacroLab.Api.Serving;

namespace MacroLab.Api.Inference;

/// <summary>The response headers that say which model answered: name, version, alias and the SHA-256 of its ONNX artifact.</summary>
internal static class ModelHeaders
{
    public const string Name = "X-Model-Name";
    public const string Version = "X-Model-Version";
    public const string Alias = "X-Model-Alias";
    public const string Sha256 = "X-Model-Sha256";

    /// <summary>Sets (or replaces) the headers from <paramref name="model"/>.</summary>
    public static void Set(HttpResponse response, ServedModel model)
    {
        IHeaderDictionary headers = response.Headers;
        headers[Name] = model.Name;
        headers[Version] = model.VersionText;
        headers[Alias] = model.Alias;
        headers[Sha256] = model.Sha256;
    }
}
