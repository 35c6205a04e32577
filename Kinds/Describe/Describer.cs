using OrleansKube.Model;

namespace OrleansKube.Kinds.Describe;

/// <summary>The text of <c>describe</c> for any kind, from its <see cref="KindDescriptor"/>.</summary>
public static class Describer
{
    /// <param name="obj">The object to describe.</param>
    /// <param name="now">The time ages are measured to.</param>
    /// <param name="extras">Events and history read beside the object; none when left out.</param>
    public static string Describe(IKubeObject obj, DateTimeOffset now, DescribeExtras? extras = null) =>
        KindRegistry.For(obj).Describe(obj, now, extras ?? DescribeExtras.None);
}
