using System.Collections.Immutable;
using OrleansKube.Model;

namespace OrleansKube.Api;

/// <summary>
/// A list of objects and the version of the scope it was read at, to watch from. A page of a longer list carries
/// <see cref="Continue"/>, the token for the next page, and how many objects remain after it. Sent as <see cref="ObjectListWire"/>.
/// </summary>
[Immutable, Alias("okube.ObjectList")]
public sealed record ObjectList(ImmutableList<IKubeObject> Items, string ResourceVersion)
{
    /// <summary>Passed back to read the next page; null on the last page and on a list read whole.</summary>
    public string? Continue { get; init; }

    /// <summary>How many objects the pages after this one hold, when there are any.</summary>
    public int? RemainingItemCount { get; init; }
}

/// <summary>One change seen by a watch: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>, with the object as it is after the change.</summary>
[GenerateSerializer, Immutable, Alias("okube.WatchEvent")]
public sealed record WatchEvent([property: Id(0)] string Type, [property: Id(1)] IKubeObject Object, [property: Id(2)] string ResourceVersion)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}
