namespace OrleansKube.Model;

/// <summary>Every stored cluster object: a kind, an API version and its metadata.</summary>
public interface IKubeObject
{
    /// <summary>The group/version, for example <c>v1</c> or <c>apps/v1</c>.</summary>
    string ApiVersion { get; }

    /// <summary>The kind, for example <c>Pod</c>.</summary>
    string Kind { get; }

    /// <summary>Name, namespace, versioning and labels of the object.</summary>
    ObjectMeta Metadata { get; }
}

/// <summary>An object that can be copied with new metadata, spec or status, so generic API code can work on any kind.</summary>
public interface IKubeObject<TSelf> : IKubeObject
    where TSelf : IKubeObject<TSelf>
{
    /// <summary>A copy of this object with <paramref name="metadata"/>.</summary>
    TSelf WithMetadata(ObjectMeta metadata);

    /// <summary>The user-owned part of the object, compared to decide whether <c>generation</c> moves.</summary>
    object? Spec { get; }

    /// <summary>The part of the object its controllers and kubelets report; null for kinds without one.</summary>
    object? Status { get; }

    /// <summary>A copy of this object whose status is taken from <paramref name="other"/>.</summary>
    TSelf WithStatusOf(TSelf other);

    /// <summary>A copy of this object whose spec is taken from <paramref name="other"/>.</summary>
    TSelf WithSpecOf(TSelf other);
}
