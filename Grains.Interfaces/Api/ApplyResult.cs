namespace OrleansKube.Api;

/// <summary>What <c>apply</c> did: kubectl prints <c>created</c>, <c>configured</c> or <c>unchanged</c>.</summary>
public enum ApplyOutcome
{
    Created,
    Configured,
    Unchanged,
}

/// <summary>The stored object after an apply, and what the apply did.</summary>
[GenerateSerializer, Immutable, Alias("okube.ApplyResult`1")]
public sealed record ApplyResult<T>([property: Id(0)] T Object, [property: Id(1)] ApplyOutcome Outcome);
