using YamlDotNet.RepresentationModel;

namespace MacroLab.Deploy.Tests;

/// <summary>Files of deploy/, read as YAML node trees (CloudFormation's short-form tags such as !Ref are kept as node tags, not resolved).</summary>
internal static class DeployFile
{
    public static string PathOf(params string[] parts) => Path.Combine([Repository.Root, "deploy", .. parts]);

    public static IReadOnlyList<YamlMappingNode> Documents(params string[] parts)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(PathOf(parts)));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    public static YamlNode At(this YamlNode node, params string[] path)
    {
        foreach (string key in path)
        {
            node = node is YamlSequenceNode sequence && int.TryParse(key, out int index)
                ? sequence.Children[index]
                : ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child)
                    ? child
                    : throw new KeyNotFoundException($"no '{key}' in the path {string.Join('.', path)}");
        }

        return node;
    }

    public static string Text(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) => ((YamlSequenceNode)node.At(path)).Children;
}
