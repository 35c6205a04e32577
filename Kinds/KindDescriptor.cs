using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds.Columns;
using OrleansKube.Kinds.Describe;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;

namespace OrleansKube.Kinds;

/// <summary>
/// Everything generic code needs to know about one kind, as client-go's scheme and REST mapper hold it: its names and
/// scope, its model type, the grain that stores an object of it, and how it is defaulted, validated, printed as a
/// table and described. Registered once in <see cref="KindRegistry"/>; nothing else switches on a kind.
/// </summary>
public abstract class KindDescriptor
{
    private protected KindDescriptor(ResourceInfo resource) => Resource = resource;

    /// <summary>Names, group/version and scope.</summary>
    public ResourceInfo Resource { get; }

    /// <summary>The model record of an object of this kind.</summary>
    public Type ModelType => Resource.ClrType;

    /// <summary>The categories kubectl expands, such as <c>all</c> for <c>kubectl get all</c>.</summary>
    public ImmutableArray<string> Categories { get; init; } = [];

    /// <summary>The subresources the API serves below an object, such as <c>status</c>, <c>scale</c> and <c>log</c>.</summary>
    public ImmutableArray<Subresource> Subresources { get; init; } = [];

    /// <summary>The columns of <c>get</c>, the client's table and the HTTP API's server-side table alike.</summary>
    public abstract ColumnSet Columns { get; }

    /// <summary>Whether one grain stores each object; events are only listed and watched through their namespace.</summary>
    public abstract bool HasObjectGrain { get; }

    /// <summary>Runs code written once for every kind with this kind's model type.</summary>
    public abstract TResult Run<TResult>(IKindAction<TResult> action);

    /// <summary><paramref name="obj"/> with what Kubernetes fills in on create; never changes the object given.</summary>
    public abstract IKubeObject WithDefaults(IKubeObject obj);

    /// <summary>A copy of <paramref name="obj"/> with <paramref name="metadata"/>.</summary>
    public abstract IKubeObject WithMetadata(IKubeObject obj, ObjectMeta metadata);

    /// <summary>Every problem with the kind-specific fields of <paramref name="obj"/> (metadata is checked generically).</summary>
    public abstract void Validate(IKubeObject obj, ErrorList errors);

    /// <summary>The changes from <paramref name="stored"/> to <paramref name="updated"/> this kind does not allow.</summary>
    public abstract void ValidateUpdate(IKubeObject stored, IKubeObject updated, ErrorList errors);

    /// <summary>The rule an object's name must follow: a DNS-1123 subdomain for most kinds, a label for namespaces.</summary>
    public abstract IReadOnlyList<string> ValidateName(string name);

    /// <summary>
    /// The fields a field selector may name (<c>metadata.name</c>, <c>spec.nodeName</c>, ...); null when
    /// <paramref name="field"/> is not one of them. <c>metadata.name</c> and <c>metadata.namespace</c> serve every kind.
    /// </summary>
    public abstract Func<IKubeObject, string?>? FieldLabel(string field);

    /// <summary>The names of the fields <see cref="FieldLabel"/> knows.</summary>
    public abstract IEnumerable<string> FieldLabels { get; }

    /// <summary>The text of <c>describe</c>.</summary>
    public abstract string Describe(IKubeObject obj, DateTimeOffset now, DescribeExtras extras);

    /// <summary>Whether the kind has the <c>scale</c> subresource (replicas that <c>kubectl scale</c> sets).</summary>
    public abstract bool Scalable { get; }

    /// <summary>The desired and current replicas and the pod selector of a scalable object.</summary>
    public abstract ScaleView ReadScale(IKubeObject obj);

    /// <summary>Sets the desired replicas of a scalable object; returns it as stored.</summary>
    public abstract Task<IKubeObject> ScaleAsync(IGrainFactory factory, string? @namespace, string name, int replicas);

    /// <summary>The object grain of <paramref name="name"/>; fails for kinds without one (<see cref="HasObjectGrain"/>).</summary>
    public abstract IAddressable GetGrain(IGrainFactory factory, string? @namespace, string name);
}

/// <summary>A kind whose model type is <typeparamref name="T"/>; the parts a kind leaves out mean "nothing to add".</summary>
public sealed class KindDescriptor<T> : KindDescriptor
    where T : class, IKubeObject<T>
{
    public KindDescriptor(ResourceInfo resource, ColumnSet<T> columns, Func<T, DateTimeOffset, DescribeExtras, string> describer)
        : base(resource)
    {
        if (resource.ClrType != typeof(T))
        {
            throw new ArgumentException($"kind {resource.Kind} is registered with model {resource.ClrType.Name}, not {typeof(T).Name}", nameof(resource));
        }

        TypedColumns = columns;
        Describer = describer;
    }

    /// <summary>The grain that stores one object, from its namespace (null for cluster-scoped kinds) and name.</summary>
    public Func<IGrainFactory, string?, string, IObjectGrain<T>>? Grain { get; init; }

    /// <summary>Fills in the kind's defaults; the namespace of a namespaced object is defaulted generically.</summary>
    public Func<T, T> Defaults { get; init; } = obj => obj;

    /// <summary>Checks the kind's own fields.</summary>
    public Action<T, ErrorList> Validation { get; init; } = (_, _) => { };

    /// <summary>Checks what may not change on update, beyond the identity every kind keeps.</summary>
    public Action<T, T, ErrorList> UpdateValidation { get; init; } = (_, _, _) => { };

    /// <summary>The rule for names; DNS-1123 subdomains unless the kind says otherwise.</summary>
    public Func<string, IReadOnlyList<string>> NameRule { get; init; } = NameRules.IsDns1123Subdomain;

    /// <summary>The kind's own field-selector fields, beside <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyDictionary<string, Func<T, string?>> Fields { get; init; } = new Dictionary<string, Func<T, string?>>();

    /// <summary>The <c>scale</c> subresource, for kinds that run a number of replicas.</summary>
    public ScaleSubresource<T>? Scale { get; init; }

    public ColumnSet<T> TypedColumns { get; }

    public Func<T, DateTimeOffset, DescribeExtras, string> Describer { get; }

    public override ColumnSet Columns => TypedColumns;

    public override bool HasObjectGrain => Grain is not null;

    public override TResult Run<TResult>(IKindAction<TResult> action) => action.Run<T>();

    public override IKubeObject WithDefaults(IKubeObject obj) => Defaults(Cast(obj));

    public override IKubeObject WithMetadata(IKubeObject obj, ObjectMeta metadata) => Cast(obj).WithMetadata(metadata);

    public override void Validate(IKubeObject obj, ErrorList errors) => Validation(Cast(obj), errors);

    public override void ValidateUpdate(IKubeObject stored, IKubeObject updated, ErrorList errors) =>
        UpdateValidation(Cast(stored), Cast(updated), errors);

    public override IReadOnlyList<string> ValidateName(string name) => NameRule(name);

    public override Func<IKubeObject, string?>? FieldLabel(string field) => field switch
    {
        "metadata.name" => obj => obj.Metadata.Name,
        "metadata.namespace" => obj => obj.Metadata.Namespace,
        _ => Fields.TryGetValue(field, out var read) ? obj => read(Cast(obj)) : null,
    };

    public override IEnumerable<string> FieldLabels => ["metadata.name", "metadata.namespace", .. Fields.Keys];

    public override string Describe(IKubeObject obj, DateTimeOffset now, DescribeExtras extras) => Describer(Cast(obj), now, extras);

    public override bool Scalable => Scale is not null;

    public override ScaleView ReadScale(IKubeObject obj) => ScaleOrThrow.Read(Cast(obj));

    public override async Task<IKubeObject> ScaleAsync(IGrainFactory factory, string? @namespace, string name, int replicas) =>
        await ScaleOrThrow.SetReplicas(factory, @namespace, name, replicas);

    public override IAddressable GetGrain(IGrainFactory factory, string? @namespace, string name) => ObjectGrain(factory, @namespace, name);

    /// <summary>The object grain of <paramref name="name"/>.</summary>
    public IObjectGrain<T> ObjectGrain(IGrainFactory factory, string? @namespace, string name) =>
        Grain is { } grain
            ? grain(factory, @namespace, name)
            : throw new InvalidOperationException($"{Resource.Plural} are listed and watched only: no grain stores a single {Resource.Singular}");

    private ScaleSubresource<T> ScaleOrThrow =>
        Scale ?? throw new InvalidOperationException($"{Resource.Plural} have no scale subresource");

    private T Cast(IKubeObject obj) =>
        obj as T ?? throw new ArgumentException($"a {obj.GetType().Name} is not a {Resource.Kind}", nameof(obj));
}

/// <summary>A subresource: its name, the group/version and kind it answers with, and the verbs it takes.</summary>
public sealed record Subresource(string Name, string ApiVersion, string Kind, ImmutableArray<string> Verbs)
{
    /// <summary><c>status</c>, which controllers and kubelets write: get, patch and update.</summary>
    public static Subresource Status(ResourceInfo resource) => new("status", resource.ApiVersion, resource.Kind, ["get", "patch", "update"]);
}

/// <summary>What the <c>scale</c> subresource shows of an object: desired and current replicas, and its pods' selector.</summary>
public sealed record ScaleView(int Desired, int Current, string Selector);

/// <summary>How a kind is scaled: reading its <see cref="ScaleView"/>, and setting the desired replicas through its grain.</summary>
public sealed record ScaleSubresource<T>(Func<T, ScaleView> Read, Func<IGrainFactory, string?, string, int, Task<T>> SetReplicas);
