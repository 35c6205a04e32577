using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OrleansKube.Kinds.Manifests;

/// <summary>
/// Turns a YAML stream into JSON documents from the parser's events, so that duplicate keys, merge keys
/// (<c>&lt;&lt;: *base</c>), anchors and scalar types are handled as Kubernetes handles them, with line numbers in errors.
/// </summary>
public sealed class YamlDocumentReader
{
    private const string YamlTag = "tag:yaml.org,2002:";

    /// <summary>As deep as the JSON reader goes, and far deeper than any object of the model.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes aliases may add to one document, so a few lines of nested aliases cannot exhaust memory.</summary>
    public const int MaxAliasNodes = 1_000_000;

    private readonly IParser _parser;
    private readonly string _source;
    private readonly List<string> _errors;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _depth;
    private int _aliasNodes;

    private YamlDocumentReader(string text, string source, List<string> errors)
    {
        _parser = new Parser(new StringReader(text));
        _source = source;
        _errors = errors;
    }

    /// <summary>The documents of <paramref name="text"/>; a document with errors is reported in <paramref name="errors"/> and left out.</summary>
    public static List<ManifestDocument> Read(string text, string source, List<string> errors) =>
        new YamlDocumentReader(text, source, errors).ReadStream();

    private List<ManifestDocument> ReadStream()
    {
        var documents = new List<ManifestDocument>();
        try
        {
            _parser.Consume<StreamStart>();
            while (_parser.TryConsume<DocumentStart>(out _))
            {
                _anchors.Clear();
                _aliasNodes = 0;
                var errorsBefore = _errors.Count;
                var root = ReadNode();
                _parser.Consume<DocumentEnd>();
                documents.Add(new ManifestDocument(documents.Count + 1, _errors.Count == errorsBefore ? root : null));
            }

            _parser.Consume<StreamEnd>();
        }
        catch (YamlException exception)
        {
            // The rest of the stream cannot be trusted after a syntax error.
            _errors.Add($"{_source}: line {exception.Start.Line}, column {exception.Start.Column}: {exception.Message}");
        }

        return documents;
    }

    private JsonNode? ReadNode()
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
            }

            _aliasNodes += anchored.Size;
            return _aliasNodes <= MaxAliasNodes
                ? anchored.Node?.DeepClone()
                : throw new YamlException(alias.Start, alias.End, $"aliases expand the document beyond {MaxAliasNodes} nodes");
        }

        if (_depth >= MaxDepth)
        {
            var at = _parser.Current!;
            throw new YamlException(at.Start, at.End, $"the document is nested deeper than {MaxDepth} levels");
        }

        _depth++;
        try
        {
            return ReadNodeContent();
        }
        finally
        {
            _depth--;
        }
    }

    private JsonNode? ReadNodeContent()
    {
        NodeEvent start;
        JsonNode? node;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = ReadScalar(scalar);
        }
        else if (_parser.TryConsume<SequenceStart>(out var sequence))
        {
            start = sequence;
            var array = new JsonArray();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode());
            }

            node = array;
        }
        else
        {
            var mapping = _parser.Consume<MappingStart>();
            start = mapping;
            node = ReadMapping();
        }

        if (!start.Anchor.IsEmpty)
        {
            _anchors[start.Anchor.Value] = (node, Size(node));
        }

        return node;
    }

    private static int Size(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(pair => Size(pair.Value)),
        JsonArray array => 1 + array.Sum(Size),
        _ => 1,
    };

    private JsonObject ReadMapping()
    {
        var result = new JsonObject();
        var merged = new List<JsonObject>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            if (!_parser.Accept<Scalar>(out var key))
            {
                var keyStart = _parser.Current!.Start;
                ReadNode();
                ReadNode();
                _errors.Add($"{_source}: line {keyStart.Line}: mapping keys must be strings, not lists or maps");
                continue;
            }

            _parser.MoveNext();
            var value = ReadNode();
            if (key.Value == "<<" && key.Style == ScalarStyle.Plain)
            {
                Merge(value, key.Start, merged);
            }
            else if (result.ContainsKey(key.Value))
            {
                _errors.Add($"{_source}: line {key.Start.Line}: key \"{key.Value}\" already set in map");
            }
            else
            {
                result[key.Value] = value;
            }
        }

        // Keys written in the mapping win over merged ones, and earlier merged mappings over later ones.
        foreach (var source in merged)
        {
            foreach (var (name, value) in source)
            {
                if (!result.ContainsKey(name))
                {
                    result[name] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    private void Merge(JsonNode? value, Mark at, List<JsonObject> merged)
    {
        switch (value)
        {
            case JsonObject mapping:
                merged.Add(mapping);
                break;
            case JsonArray list when list.All(item => item is JsonObject):
                merged.AddRange(list.Cast<JsonObject>());
                break;
            default:
                _errors.Add($"{_source}: line {at.Line}: a merge key '<<' needs a mapping or a list of mappings");
                break;
        }
    }

    private JsonNode? ReadScalar(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? "?" : scalar.Tag.Value;
        if (tag == "?" || !tag.StartsWith(YamlTag, StringComparison.Ordinal))
        {
            // Untagged, '!' and application tags: plain scalars are resolved, quoted and block scalars are strings.
            var plain = scalar.Style == ScalarStyle.Plain && tag == "?";
            return Resolve(scalar, plain ? YamlScalars.Classify(scalar.Value) : ScalarType.String);
        }

        var wanted = tag[YamlTag.Length..] switch
        {
            "null" => ScalarType.Null,
            "bool" => ScalarType.Boolean,
            "int" => ScalarType.Integer,
            "float" => ScalarType.Float,
            _ => ScalarType.String,
        };
        if (wanted == ScalarType.String)
        {
            return JsonValue.Create(scalar.Value);
        }

        var actual = YamlScalars.Classify(scalar.Value);
        if (actual == wanted || (wanted, actual) is (ScalarType.Float, ScalarType.Integer or ScalarType.NonFinite))
        {
            return Resolve(scalar, actual);
        }

        _errors.Add($"{_source}: line {scalar.Start.Line}: cannot read \"{scalar.Value}\" as !!{tag[YamlTag.Length..]}");
        return null;
    }

    private JsonNode? Resolve(Scalar scalar, ScalarType type)
    {
        if (type == ScalarType.NonFinite)
        {
            _errors.Add($"{_source}: line {scalar.Start.Line}: {scalar.Value} cannot be represented in JSON");
            return null;
        }

        return YamlScalars.ToJson(scalar.Value, type);
    }
}
