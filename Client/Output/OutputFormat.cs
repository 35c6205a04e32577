namespace OrleansKube.Client.Output;

/// <summary>How <c>okube get</c> prints objects, chosen with <c>-o</c>.</summary>
internal enum OutputFormat
{
    Table,
    Wide,
    Json,
    Yaml,
    Name,
}

internal static class OutputFormats
{
    /// <summary>The values <c>-o</c> accepts, as kubectl lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["json", "name", "wide", "yaml"];

    /// <summary>The format named by <paramref name="text"/>; no text means the plain table.</summary>
    public static OutputFormat? Parse(string? text) => text switch
    {
        null or "" => OutputFormat.Table,
        "wide" => OutputFormat.Wide,
        "json" => OutputFormat.Json,
        "yaml" => OutputFormat.Yaml,
        "name" => OutputFormat.Name,
        _ => null,
    };
}
