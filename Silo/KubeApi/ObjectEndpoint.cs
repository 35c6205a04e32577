using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// The verbs on one object and on a collection's objects, through their grains: get, create (POST), update (PUT),
/// patch, delete and deletecollection, with the <c>status</c> subresource, <c>dryRun</c> and <c>fieldValidation</c>.
/// </summary>
internal sealed class ObjectEndpoint(IGrainFactory grains, Collections collections, TimeProvider clock)
{
    private const int PatchAttempts = 5;
    private const int GenerateNameAttempts = 8;
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public async Task GetAsync(HttpContext context, ApiPath.Resource path)
    {
        var obj = await ReadAsync(path) ?? throw ApiException.NotFound(path.Kind.Resource, path.Name!);
        await WriteAsync(context, path.Kind, obj);
    }

    public async Task CreateAsync(HttpContext context, ApiPath.Resource path)
    {
        var kind = RequireObjectGrain(path.Kind);
        var request = context.Request;
        var (body, node, metadata) = await ReadObjectAsync(context, path);
        var generateName = metadata["generateName"]?.GetValue<string>();
        if (metadata["name"] is null && string.IsNullOrEmpty(generateName))
        {
            throw ApiException.Invalid(kind.Resource.Kind, null, [new FieldError { Field = "metadata.name", Type = FieldErrorType.Required, Detail = "name or generateName is required" }]);
        }

        var validation = ApiQuery.FieldValidation(request);
        var duplicates = RequestBody.DuplicateFields(body);
        var store = IObjectStore.For(kind, grains);
        for (var attempt = 1; ; attempt++)
        {
            if (metadata["name"] is null)
            {
                metadata["name"] = generateName + RandomSuffix();
            }

            var obj = Created(kind, ObjectReader.Read(kind, node, validation, duplicates, context.Response), request, ManagedFieldsEntry.Update);
            try
            {
                await WriteAsync(context, kind, ApiQuery.DryRun(request) ? Checked(kind, obj) : await store.CreateAsync(obj), StatusCodes.Status201Created);
                return;
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.AlreadyExists && !string.IsNullOrEmpty(generateName) && attempt < GenerateNameAttempts)
            {
                // A generated name taken by chance: kube-apiserver's callers retry; here the server does.
                metadata.Remove("name");
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.Invalid)
            {
                // The path names no object yet: the status names the one refused.
                throw new ApiStatusException(ApiStatus.From(e, kind.Resource, obj.Metadata.Name));
            }
        }
    }

    public async Task UpdateAsync(HttpContext context, ApiPath.Resource path)
    {
        var kind = RequireObjectGrain(path.Kind);
        var request = context.Request;
        var (body, node, metadata) = await ReadObjectAsync(context, path);
        var name = metadata["name"]?.GetValue<string>();
        if (name is null)
        {
            metadata["name"] = path.Name;
        }
        else if (name != path.Name)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        }

        var obj = ObjectReader.Read(kind, node, ApiQuery.FieldValidation(request), RequestBody.DuplicateFields(body), context.Response);
        var stored = await IObjectStore.For(kind, grains).GetAsync(path.Namespace, path.Name!) ?? throw ApiException.NotFound(kind.Resource, path.Name!);
        if (path.Subresource is null)
        {
            obj = Updated(kind, stored, obj, request);
        }

        await WriteAsync(context, kind, await StoreAsync(kind, path, stored, obj, ApiQuery.DryRun(request)));
    }

    /// <summary>
    /// Patches the stored object and stores the result as an update. A patch that names no resourceVersion is applied
    /// again to the newer object when another writer got there first, as kube-apiserver does; one that names a version
    /// fails with a conflict instead. Server-side apply creates the object when there is none.
    /// </summary>
    public async Task PatchAsync(HttpContext context, ApiPath.Resource path)
    {
        var kind = RequireObjectGrain(path.Kind);
        var request = context.Request;
        var type = Patches.TypeOf(request.ContentType) ?? throw new ApiStatusException(ApiStatus.UnsupportedMediaType(Patches.Accepted));
        var body = await RequestBody.ReadAsync(request, context.RequestAborted);
        var patch = RequestBody.Parse(body, request.ContentType, Patches.Accepted);
        if (type != PatchType.Json && patch is not JsonObject)
        {
            throw new ApiException(ApiErrorReason.BadRequest, "the patch must be a JSON object");
        }

        if (type == PatchType.Apply && ApiQuery.Text(request, "fieldManager") is null)
        {
            throw new ApiException(ApiErrorReason.Invalid, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                [new FieldError { Field = "fieldManager", Type = FieldErrorType.Required, Detail = "is required for apply patch" }]);
        }

        var validation = ApiQuery.FieldValidation(request);
        var duplicates = RequestBody.DuplicateFields(body);
        var pinsVersion = (patch as JsonObject)?["metadata"]?["resourceVersion"] is not null;
        var store = IObjectStore.For(kind, grains);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(path.Namespace, path.Name!);
            if (stored is null)
            {
                if (type != PatchType.Apply || path.Subresource is not null)
                {
                    throw ApiException.NotFound(kind.Resource, path.Name!);
                }

                var created = (JsonObject)patch.DeepClone();
                SetNamespace(kind, Metadata(created), path.Namespace);
                var obj = Created(kind, ObjectReader.Read(kind, created, validation, duplicates, context.Response), request, ManagedFieldsEntry.Apply);
                await WriteAsync(context, kind, ApiQuery.DryRun(request) ? Checked(kind, obj) : await store.CreateAsync(obj), StatusCodes.Status201Created);
                return;
            }

            var storedNode = (JsonObject)KubeJson.ToNode(stored);
            var patched = type == PatchType.Apply && path.Subresource is null
                ? FieldManagers.Apply(storedNode, (JsonObject)patch, FieldManagers.ManagerOf(request), ApiQuery.Flag(request, "force"), kind.Resource, clock.GetUtcNow())
                : Patches.Apply(type, (JsonObject)storedNode.DeepClone(), patch.DeepClone());
            if (!pinsVersion)
            {
                Metadata(patched)["resourceVersion"] = stored.Metadata.ResourceVersion;
            }

            var updated = ObjectReader.Read(kind, patched, validation, duplicates, context.Response);
            if (type != PatchType.Apply && path.Subresource is null)
            {
                updated = Updated(kind, stored, updated, request);
            }

            try
            {
                await WriteAsync(context, kind, await StoreAsync(kind, path, stored, updated, ApiQuery.DryRun(request)));
                return;
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.Conflict && !pinsVersion && attempt < PatchAttempts)
            {
                // Someone else wrote between the read and the write: patch their version.
            }
        }
    }

    public async Task DeleteAsync(HttpContext context, ApiPath.Resource path)
    {
        var kind = RequireObjectGrain(path.Kind);
        var options = await DeleteOptionsAsync(context);
        var store = IObjectStore.For(kind, grains);
        if (ApiQuery.DryRun(context.Request))
        {
            await WriteAsync(context, kind, await store.GetAsync(path.Namespace, path.Name!) ?? throw ApiException.NotFound(kind.Resource, path.Name!));
            return;
        }

        await WriteAsync(context, kind, await store.DeleteAsync(path.Namespace, path.Name!, options));
    }

    /// <summary>Deletes every object the selectors match, one by one, and answers with the list of them as they were.</summary>
    public async Task DeleteCollectionAsync(HttpContext context, ApiPath.Resource path, CollectionQuery query)
    {
        var kind = RequireObjectGrain(path.Kind);
        var options = await DeleteOptionsAsync(context);
        var store = IObjectStore.For(kind, grains);
        var page = await collections.ListAsync(query, null, null);
        var deleted = new List<IKubeObject>();
        var dryRun = ApiQuery.DryRun(context.Request);
        foreach (var obj in page.Items)
        {
            try
            {
                deleted.Add(dryRun ? obj : await store.DeleteAsync(obj.Metadata.Namespace, obj.Metadata.Name!, options with { ResourceVersion = null, Uid = null }));
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound)
            {
                // Deleted by someone else meanwhile.
            }
        }

        await KubeResponses.WriteListAsync(context.Response, page with { Items = deleted, Continue = null }, kind.Resource.ApiVersion, kind.Resource.Kind);
    }

    /// <summary>A new object, owned by the manager the request names: all its fields.</summary>
    private IKubeObject Created(KindDescriptor kind, IKubeObject obj, HttpRequest request, string operation) =>
        Managed(kind, obj, FieldManagers.OnCreate((JsonObject)KubeJson.ToNode(obj), FieldManagers.ManagerOf(request), operation, kind.Resource, clock.GetUtcNow()));

    /// <summary>An update of <paramref name="stored"/>, whose manager takes the fields it changes.</summary>
    private IKubeObject Updated(KindDescriptor kind, IKubeObject stored, IKubeObject updated, HttpRequest request) =>
        Managed(kind, updated, FieldManagers.OnUpdate(
            (JsonObject)KubeJson.ToNode(stored), (JsonObject)KubeJson.ToNode(updated), FieldManagers.ManagerOf(request), kind.Resource, clock.GetUtcNow()));

    private static IKubeObject Managed(KindDescriptor kind, IKubeObject obj, JsonArray entries) =>
        kind.WithMetadata(obj, obj.Metadata with { ManagedFields = entries.Deserialize<ImmutableList<ManagedFieldsEntry>>(KubeJson.Options) ?? [] });

    /// <summary>The body of a create or update: its bytes, its JSON, and its metadata with the path's namespace.</summary>
    private static async Task<(byte[] Body, JsonObject Node, JsonObject Metadata)> ReadObjectAsync(HttpContext context, ApiPath.Resource path)
    {
        var request = context.Request;
        var body = await RequestBody.ReadAsync(request, context.RequestAborted);
        var node = RequestBody.ReadObject(body, request.ContentType, $"{KubeResponses.Json}, {RequestBody.Yaml}");
        var metadata = Metadata(node);
        SetNamespace(path.Kind, metadata, path.Namespace);
        return (body, node, metadata);
    }

    /// <summary>The object a path names; events, which have no grain, are found in their namespace's list.</summary>
    private async Task<IKubeObject?> ReadAsync(ApiPath.Resource path)
    {
        if (path.Kind.HasObjectGrain)
        {
            return await IObjectStore.For(path.Kind, grains).GetAsync(path.Namespace, path.Name!);
        }

        var page = await collections.ListAsync(new CollectionQuery(path.Kind, path.Namespace, null, FieldSelector.Everything), null, null);
        return page.Items.FirstOrDefault(obj => obj.Metadata.Name == path.Name);
    }

    /// <summary>Stores an update of <paramref name="stored"/> (the version it was made from), or with <paramref name="dryRun"/> only checks it.</summary>
    private async Task<IKubeObject> StoreAsync(KindDescriptor kind, ApiPath.Resource path, IKubeObject stored, IKubeObject obj, bool dryRun)
    {
        if (dryRun)
        {
            var errors = ObjectValidator.ValidateUpdate(stored, Checked(kind, obj));
            return errors.Count > 0 ? throw ApiException.Invalid(kind.Resource.Kind, path.Name, errors) : obj;
        }

        var store = IObjectStore.For(kind, grains);
        return path.Subresource == "status" ? await store.UpdateStatusAsync(obj) : await store.UpdateAsync(obj);
    }

    /// <summary>The object as a create would store it, defaulted and validated, for <c>dryRun=All</c>.</summary>
    private static IKubeObject Checked(KindDescriptor kind, IKubeObject obj)
    {
        var defaulted = ObjectDefaults.Apply(obj);
        var errors = ObjectValidator.Validate(defaulted);
        return errors.Count > 0 ? throw ApiException.Invalid(kind.Resource.Kind, obj.Metadata.Name, errors) : defaulted;
    }

    /// <summary>A delete's options from its body (kubectl sends <c>DeleteOptions</c>) and its query, the query winning.</summary>
    private static async Task<DeleteOptions> DeleteOptionsAsync(HttpContext context)
    {
        var request = context.Request;
        JsonObject? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var bytes = await RequestBody.ReadAsync(request, context.RequestAborted);
            body = bytes.Length == 0 ? null : RequestBody.ReadObject(bytes, request.ContentType, KubeResponses.Json);
        }

        var propagation = ApiQuery.Text(request, "propagationPolicy") ?? body?["propagationPolicy"]?.GetValue<string>();
        if (body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var orphanDependents))
        {
            propagation ??= orphanDependents ? nameof(DeletePropagation.Orphan) : nameof(DeletePropagation.Background);
        }

        // Checked like any parameter, not honoured yet: a pod is deleted at once and stops with its own grace period.
        _ = ApiQuery.Integer(request, "gracePeriodSeconds");
        return new DeleteOptions
        {
            ResourceVersion = body?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            Uid = body?["preconditions"]?["uid"]?.GetValue<string>(),
            Propagation = propagation switch
            {
                null or nameof(DeletePropagation.Background) => DeletePropagation.Background,
                nameof(DeletePropagation.Foreground) => DeletePropagation.Foreground,
                nameof(DeletePropagation.Orphan) => DeletePropagation.Orphan,
                _ => throw ApiQuery.Invalid("propagationPolicy", propagation, "supported values: \"Foreground\", \"Background\", \"Orphan\""),
            },
        };
    }

    private static KindDescriptor RequireObjectGrain(KindDescriptor kind) =>
        kind.HasObjectGrain ? kind : throw new ApiStatusException(ApiStatus.VerbNotAllowed());

    private static JsonObject Metadata(JsonObject node) => node["metadata"] switch
    {
        JsonObject metadata => metadata,
        null => (JsonObject)(node["metadata"] = new JsonObject()),
        _ => throw new ApiException(ApiErrorReason.BadRequest, "metadata: Invalid value: must be an object"),
    };

    // As kube-apiserver: the namespace of the path is the object's; a different one in the body is refused.
    private static void SetNamespace(KindDescriptor kind, JsonObject metadata, string? pathNamespace)
    {
        if (!kind.Resource.Namespaced)
        {
            return;
        }

        var given = metadata["namespace"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (string.IsNullOrEmpty(given))
        {
            metadata["namespace"] = pathNamespace;
        }
        else if (given != pathNamespace)
        {
            throw new ApiException(ApiErrorReason.BadRequest, "the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static string RandomSuffix() =>
        string.Create(5, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            }
        });

    private static Task WriteAsync(HttpContext context, KindDescriptor kind, IKubeObject obj, int status = StatusCodes.Status200OK) =>
        KubeResponses.WantsTable(context.Request)
            ? KubeResponses.WriteJsonAsync(context.Response, Tables.Build(kind, [obj], Tables.ParseInclude(ApiQuery.Text(context.Request, "includeObject"))), status)
            : KubeResponses.WriteObjectAsync(context.Response, obj, status);
}
