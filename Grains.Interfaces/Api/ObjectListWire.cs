using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansKube.Model;

namespace OrleansKube.Api;

/// <summary>
/// How an <see cref="ObjectList"/> travels: each object as bytes of its own. Orleans writes a graph in one session
/// that records every object and string it has written, to send repeats once; for a list of 10,000 pods that record
/// grew to half a million entries, and filling it was the largest single cost of sending the list (75–126 ms).
/// Written one by one, each object's record stays small.
/// </summary>
[GenerateSerializer, Alias("okube.ObjectListWire")]
public readonly record struct ObjectListWire(
    [property: Id(0)] byte[][] Items, [property: Id(1)] string ResourceVersion, [property: Id(2)] string? Continue, [property: Id(3)] int? RemainingItemCount);

/// <summary>
/// Converts lists to <see cref="ObjectListWire"/> and back. The bytes of each object are kept as long as the object
/// itself (objects are immutable; a new version is a new object), so listing again sends an unchanged object without
/// serializing it again.
/// </summary>
[RegisterConverter]
public sealed class ObjectListWireConverter(IServiceProvider services) : IConverter<ObjectList, ObjectListWire>
{
    private readonly ConditionalWeakTable<IKubeObject, byte[]> _bytes = new();
    private Serializer<IKubeObject>? _serializer;

    // Resolved on first use: the serializer is built from the converters, this one among them.
    private Serializer<IKubeObject> Serializer => _serializer ??= services.GetRequiredService<Serializer<IKubeObject>>();

    public ObjectList ConvertFromSurrogate(in ObjectListWire surrogate) =>
        new([.. surrogate.Items.Select(bytes => Serializer.Deserialize(bytes)!)], surrogate.ResourceVersion)
        {
            Continue = surrogate.Continue,
            RemainingItemCount = surrogate.RemainingItemCount,
        };

    public ObjectListWire ConvertToSurrogate(in ObjectList value) =>
        new([.. value.Items.Select(item => _bytes.GetValue(item, obj => Serializer.SerializeToArray(obj)))], value.ResourceVersion,
            value.Continue, value.RemainingItemCount);
}
