namespace OrleansKube.Kinds.Validation;

/// <summary>A path to a field as Kubernetes prints it: <c>spec.containers[0].resources.limits[cpu]</c>.</summary>
public readonly record struct FieldPath(string Text)
{
    public static FieldPath Root { get; } = new("");

    public FieldPath Child(string name) => new(Text.Length == 0 ? name : $"{Text}.{name}");

    public FieldPath Child(string name, string next) => Child(name).Child(next);

    public FieldPath Index(int index) => new($"{Text}[{index}]");

    /// <summary>An entry of a map, such as a label or a resource name.</summary>
    public FieldPath Key(string key) => new($"{Text}[{key}]");

    public override string ToString() => Text;
}
