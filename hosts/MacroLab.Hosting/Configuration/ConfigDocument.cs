using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MacroLab.Hosting.Configuration;

/// <summary>
/// A configuration file as a JSON tree, with the line of every field (<c>models.candidates[0].grid</c> style paths), so
/// that errors found after parsing can still name the line. JSON (comments and trailing commas allowed) and YAML (plain
/// scalars typed as YAML 1.2's core schema: null, true/false, numbers, else text) read into the same tree.
/// </summary>
internal sealed partial class ConfigDocument
{
    private readonly Dictionary<string, int> _lines;

    private ConfigDocument(JsonObject root, Dictionary<string, int> lines, string source)
    {
        Root = root;
        _lines = lines;
        Source = source;
    }

    public JsonObject Root { get; }

    public string Source { get; }

    /// <summary>The line of <paramref name="path"/>, or of its nearest parent the file has; null when the file has none of them.</summary>
    public int? LineOf(string path)
    {
        for (string? p = path; !string.IsNullOrEmpty(p); p = Parent(p))
        {
            if (_lines.TryGetValue(p, out int line))
            {
                return line;
            }
        }

        return null;
    }

    public static ConfigDocument Parse(string text, string source, bool yaml) => yaml ? ParseYaml(text, source) : ParseJson(text, source);

    private static ConfigDocument ParseJson(string text, string source)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: options);
        }
        catch (JsonException error)
        {
            throw new ConfigurationException(source, (int?)error.LineNumber + 1, string.Empty, $"not valid JSON: {error.Message}", error);
        }

        if (node is not JsonObject root)
        {
            throw new ConfigurationException(source, 1, string.Empty, "the configuration must be an object of fields.");
        }

        return new ConfigDocument(root, JsonLines(utf8), source);
    }

    /// <summary>The line of each property and array item, by walking the tokens and counting newlines up to each one.</summary>
    private static Dictionary<string, int> JsonLines(byte[] utf8)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<(string Prefix, int Index, bool IsArray)>();
        string? pendingName = null;
        int line = 1;
        long counted = 0;
        int LineAt(long offset)
        {
            for (; counted < offset; counted++)
            {
                line += utf8[counted] == (byte)'\n' ? 1 : 0;
            }

            return line;
        }

        string Here()
        {
            if (path.Count == 0)
            {
                return string.Empty;
            }

            (string prefix, int index, bool isArray) = path.Peek();
            return isArray ? $"{prefix}[{index}]" : Join(prefix, pendingName!);
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    lines.TryAdd(Here(), LineAt(reader.TokenStartIndex));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                {
                    string here = Here();
                    if (path.Count > 0 && path.Peek().IsArray)
                    {
                        lines.TryAdd(here, LineAt(reader.TokenStartIndex));
                    }

                    path.Push((here, 0, reader.TokenType == JsonTokenType.StartArray));
                    break;
                }

                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.Pop();
                    Advance(path);
                    break;
                default:
                    if (path.Count > 0 && path.Peek().IsArray)
                    {
                        lines.TryAdd(Here(), LineAt(reader.TokenStartIndex));
                    }

                    Advance(path);
                    break;
            }
        }

        return lines;
    }

    /// <summary>After a value inside an array, the next item has the next index.</summary>
    private static void Advance(Stack<(string Prefix, int Index, bool IsArray)> path)
    {
        if (path.Count > 0 && path.Peek().IsArray)
        {
            (string prefix, int index, bool isArray) = path.Pop();
            path.Push((prefix, index + 1, isArray));
        }
    }

    /// <summary>The line of the last token the scanner read before it failed.</summary>
    private static int LastScannedLine(string text)
    {
        int line = 1;
        var scanner = new Scanner(new StringReader(text));
        try
        {
            while (scanner.MoveNext())
            {
                line = (int)scanner.Current!.End.Line;
            }
        }
        catch (Exception error) when (error is YamlException or InvalidOperationException)
        {
            // The failure is the point; the line reached is the answer.
        }

        return line;
    }

    private static ConfigDocument ParseYaml(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException error)
        {
            throw new ConfigurationException(source, (int)error.Start.Line, string.Empty, $"not valid YAML: {error.InnerException?.Message ?? error.Message}", error);
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner gives up on some unterminated flow collections (`seed: [42  # comment`) with an
            // InvalidOperationException instead of a YamlException; name the line it had reached.
            throw new ConfigurationException(source, LastScannedLine(text), string.Empty,
                "not valid YAML: a flow sequence or mapping ([ ... ] or { ... }) is not closed before the end of the file", error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw new ConfigurationException(source, 1, string.Empty,
                "the file has no fields (it is empty or holds only comments); write the fields to change, or use macrolab config init for a commented template");
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigurationException(source, (int)stream.Documents[1].RootNode.Start.Line, string.Empty, "the file holds several YAML documents; give one.");
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonNode? root = Convert(stream.Documents[0].RootNode, string.Empty, lines, source);
        return root is JsonObject map
            ? new ConfigDocument(map, lines, source)
            : throw new ConfigurationException(source, 1, string.Empty, "the configuration must be a mapping of fields.");
    }

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, int> lines, string source)
    {
        if (path.Length > 0)
        {
            lines.TryAdd(path, (int)node.Start.Line);
        }

        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var result = new JsonObject();
                foreach ((YamlNode key, YamlNode value) in mapping.Children)
                {
                    string name = key is YamlScalarNode { Value: { } k } ? k : throw new ConfigurationException(source, (int)key.Start.Line, path, "a field name must be plain text.");
                    string child = Join(path, name);
                    lines.TryAdd(child, (int)key.Start.Line);
                    if (result.ContainsKey(name))
                    {
                        throw new ConfigurationException(source, (int)key.Start.Line, child, "appears twice.");
                    }

                    result[name] = Convert(value, child, lines, source);
                }

                return result;
            }

            case YamlSequenceNode sequence:
            {
                var result = new JsonArray();
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    result.Add(Convert(sequence.Children[i], $"{path}[{i}]", lines, source));
                }

                return result;
            }

            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ConfigurationException(source, (int)node.Start.Line, path, "unsupported YAML node.");
        }
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted scalars are always text.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    /// <summary><c>$.models.candidates[0]</c> (as JSON paths in errors read) to <c>models.candidates[0]</c>.</summary>
    public static string FromJsonPath(string? jsonPath) =>
        jsonPath is null or "$" ? string.Empty : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static string? Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? null : path[..cut];
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
