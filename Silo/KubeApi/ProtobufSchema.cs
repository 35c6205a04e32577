namespace OrleansKube.Silo.KubeApi;

/// <summary>How a protobuf field of a Kubernetes message turns into JSON.</summary>
internal enum ProtoType
{
    String,
    Int,
    Bool,
    Message,

    /// <summary><c>map&lt;string, string&gt;</c>: labels, annotations, selectors.</summary>
    StringMap,

    /// <summary><c>map&lt;string, Quantity&gt;</c>: resource requests and limits.</summary>
    QuantityMap,

    /// <summary><c>metav1.Time</c>: seconds and nanos, as RFC 3339.</summary>
    Time,

    /// <summary><c>intstr.IntOrString</c>: a number or a string.</summary>
    IntOrString,

    /// <summary><c>resource.Quantity</c>: its string.</summary>
    Quantity,

    /// <summary>A message of a kind this API does not model (volumes, affinity, ...): named, so it can be refused by name, but not read.</summary>
    Unmodelled,
}

/// <summary>
/// One field of a message: its JSON name and type, whether it repeats, and for messages their fields; inline ones merge
/// into the parent's JSON. Go sends every plain field, set or not, so a zero value (<c>""</c>, 0, false) means "not
/// set", as <c>omitempty</c> does in JSON; a <paramref name="Pointer"/> field (Go's <c>*int32</c>) is sent only when set,
/// so its zero is a value (<c>replicas: 0</c>).
/// </summary>
internal sealed record ProtoField(string Name, ProtoType Type, bool Repeated = false, ProtoMessage? Message = null, bool Inline = false, bool Pointer = false);

/// <summary>A message's fields by number.</summary>
internal sealed class ProtoMessage(Dictionary<int, ProtoField> fields)
{
    public IReadOnlyDictionary<int, ProtoField> Fields { get; } = fields;
}

/// <summary>
/// The field numbers of the Kubernetes messages whose bodies kubectl's typed commands send as protobuf
/// (<c>kubectl create namespace</c>, <c>create deployment</c>, <c>run</c>), from <c>k8s.io/api</c>'s and
/// <c>k8s.io/apimachinery</c>'s <c>generated.proto</c>. Fields this API does not model are named all the same, so that
/// decoding them reports them as unknown fields, as for JSON.
/// </summary>
internal static class ProtobufSchema
{
    private static readonly ProtoMessage OwnerReference = new(new()
    {
        [1] = new("kind", ProtoType.String),
        [3] = new("name", ProtoType.String),
        [4] = new("uid", ProtoType.String),
        [5] = new("apiVersion", ProtoType.String),
        [6] = new("controller", ProtoType.Bool, Pointer: true),
        [7] = new("blockOwnerDeletion", ProtoType.Bool, Pointer: true),
    });

    private static readonly ProtoMessage ObjectMeta = new(new()
    {
        [1] = new("name", ProtoType.String),
        [2] = new("generateName", ProtoType.String),
        [3] = new("namespace", ProtoType.String),
        [4] = new("selfLink", ProtoType.String),
        [5] = new("uid", ProtoType.String),
        [6] = new("resourceVersion", ProtoType.String),
        [7] = new("generation", ProtoType.Int),
        [8] = new("creationTimestamp", ProtoType.Time),
        [9] = new("deletionTimestamp", ProtoType.Time),
        [10] = new("deletionGracePeriodSeconds", ProtoType.Int, Pointer: true),
        [11] = new("labels", ProtoType.StringMap),
        [12] = new("annotations", ProtoType.StringMap),
        [13] = new("ownerReferences", ProtoType.Message, Repeated: true, OwnerReference),
        [14] = new("finalizers", ProtoType.String, Repeated: true),
        [17] = new("managedFields", ProtoType.Unmodelled, Repeated: true),
    });

    private static readonly ProtoMessage LabelSelector = new(new()
    {
        [1] = new("matchLabels", ProtoType.StringMap),
        [2] = new("matchExpressions", ProtoType.Message, Repeated: true, new(new()
        {
            [1] = new("key", ProtoType.String),
            [2] = new("operator", ProtoType.String),
            [3] = new("values", ProtoType.String, Repeated: true),
        })),
    });

    private static readonly ProtoMessage Probe = new(new()
    {
        [1] = new("handler", ProtoType.Message, Message: new(new()
        {
            [1] = new("exec", ProtoType.Message, Message: new(new() { [1] = new("command", ProtoType.String, Repeated: true) })),
            [2] = new("httpGet", ProtoType.Message, Message: new(new()
            {
                [1] = new("path", ProtoType.String),
                [2] = new("port", ProtoType.IntOrString),
                [3] = new("host", ProtoType.String),
                [4] = new("scheme", ProtoType.String),
                [5] = new("httpHeaders", ProtoType.Message, Repeated: true, new(new() { [1] = new("name", ProtoType.String), [2] = new("value", ProtoType.String) })),
            })),
            [3] = new("tcpSocket", ProtoType.Message, Message: new(new() { [1] = new("port", ProtoType.IntOrString), [2] = new("host", ProtoType.String) })),
            [4] = new("grpc", ProtoType.Unmodelled),
        }), Inline: true),
        [2] = new("initialDelaySeconds", ProtoType.Int),
        [3] = new("timeoutSeconds", ProtoType.Int),
        [4] = new("periodSeconds", ProtoType.Int),
        [5] = new("successThreshold", ProtoType.Int),
        [6] = new("failureThreshold", ProtoType.Int),
        [7] = new("terminationGracePeriodSeconds", ProtoType.Int, Pointer: true),
    });

    private static readonly ProtoMessage Container = new(new()
    {
        [1] = new("name", ProtoType.String),
        [2] = new("image", ProtoType.String),
        [3] = new("command", ProtoType.String, Repeated: true),
        [4] = new("args", ProtoType.String, Repeated: true),
        [5] = new("workingDir", ProtoType.String),
        [6] = new("ports", ProtoType.Message, Repeated: true, new(new()
        {
            [1] = new("name", ProtoType.String),
            [2] = new("hostPort", ProtoType.Int),
            [3] = new("containerPort", ProtoType.Int),
            [4] = new("protocol", ProtoType.String),
            [5] = new("hostIP", ProtoType.String),
        })),
        [7] = new("env", ProtoType.Message, Repeated: true, new(new()
        {
            [1] = new("name", ProtoType.String),
            [2] = new("value", ProtoType.String),
            [3] = new("valueFrom", ProtoType.Unmodelled),
        })),
        [8] = new("resources", ProtoType.Message, Message: new(new()
        {
            [1] = new("limits", ProtoType.QuantityMap),
            [2] = new("requests", ProtoType.QuantityMap),
            [3] = new("claims", ProtoType.Unmodelled, Repeated: true),
        })),
        [9] = new("volumeMounts", ProtoType.Unmodelled, Repeated: true),
        [10] = new("livenessProbe", ProtoType.Message, Message: Probe),
        [11] = new("readinessProbe", ProtoType.Message, Message: Probe),
        [12] = new("lifecycle", ProtoType.Unmodelled),
        [13] = new("terminationMessagePath", ProtoType.String),
        [14] = new("imagePullPolicy", ProtoType.String),
        [15] = new("securityContext", ProtoType.Unmodelled),
        [16] = new("stdin", ProtoType.Bool),
        [17] = new("stdinOnce", ProtoType.Bool),
        [18] = new("tty", ProtoType.Bool),
        [19] = new("envFrom", ProtoType.Unmodelled, Repeated: true),
        [20] = new("terminationMessagePolicy", ProtoType.String),
        [21] = new("volumeDevices", ProtoType.Unmodelled, Repeated: true),
        [22] = new("startupProbe", ProtoType.Message, Message: Probe),
        [23] = new("resizePolicy", ProtoType.Unmodelled, Repeated: true),
        [24] = new("restartPolicy", ProtoType.String, Pointer: true),
        [25] = new("restartPolicyRules", ProtoType.Unmodelled, Repeated: true),
    });

    private static readonly ProtoMessage PodSpec = new(new()
    {
        [1] = new("volumes", ProtoType.Unmodelled, Repeated: true),
        [2] = new("containers", ProtoType.Message, Repeated: true, Container),
        [3] = new("restartPolicy", ProtoType.String),
        [4] = new("terminationGracePeriodSeconds", ProtoType.Int, Pointer: true),
        [5] = new("activeDeadlineSeconds", ProtoType.Int, Pointer: true),
        [6] = new("dnsPolicy", ProtoType.String),
        [7] = new("nodeSelector", ProtoType.StringMap),
        [8] = new("serviceAccountName", ProtoType.String),
        [9] = new("serviceAccount", ProtoType.String),
        [10] = new("nodeName", ProtoType.String),
        [11] = new("hostNetwork", ProtoType.Bool),
        [12] = new("hostPID", ProtoType.Bool),
        [13] = new("hostIPC", ProtoType.Bool),
        [14] = new("securityContext", ProtoType.Unmodelled),
        [15] = new("imagePullSecrets", ProtoType.Unmodelled, Repeated: true),
        [16] = new("hostname", ProtoType.String),
        [17] = new("subdomain", ProtoType.String),
        [18] = new("affinity", ProtoType.Unmodelled),
        [19] = new("schedulerName", ProtoType.String),
        [20] = new("initContainers", ProtoType.Message, Repeated: true, Container),
        [21] = new("automountServiceAccountToken", ProtoType.Bool, Pointer: true),
        [22] = new("tolerations", ProtoType.Message, Repeated: true, new(new()
        {
            [1] = new("key", ProtoType.String),
            [2] = new("operator", ProtoType.String),
            [3] = new("value", ProtoType.String),
            [4] = new("effect", ProtoType.String),
            [5] = new("tolerationSeconds", ProtoType.Int, Pointer: true),
        })),
        [23] = new("hostAliases", ProtoType.Unmodelled, Repeated: true),
        [24] = new("priorityClassName", ProtoType.String),
        [25] = new("priority", ProtoType.Int, Pointer: true),
        [26] = new("dnsConfig", ProtoType.Unmodelled),
        [27] = new("shareProcessNamespace", ProtoType.Bool, Pointer: true),
        [28] = new("readinessGates", ProtoType.Unmodelled, Repeated: true),
        [29] = new("runtimeClassName", ProtoType.String, Pointer: true),
        [30] = new("enableServiceLinks", ProtoType.Bool, Pointer: true),
        [31] = new("preemptionPolicy", ProtoType.String, Pointer: true),
        [32] = new("overhead", ProtoType.QuantityMap),
        [33] = new("topologySpreadConstraints", ProtoType.Unmodelled, Repeated: true),
        [34] = new("ephemeralContainers", ProtoType.Unmodelled, Repeated: true),
        [35] = new("setHostnameAsFQDN", ProtoType.Bool, Pointer: true),
        [36] = new("os", ProtoType.Unmodelled),
        [37] = new("hostUsers", ProtoType.Bool, Pointer: true),
        [38] = new("schedulingGates", ProtoType.Unmodelled, Repeated: true),
        [39] = new("resourceClaims", ProtoType.Unmodelled, Repeated: true),
        [40] = new("resources", ProtoType.Unmodelled),
        [41] = new("hostnameOverride", ProtoType.String, Pointer: true),
    });

    private static readonly ProtoMessage PodTemplateSpec = new(new()
    {
        [1] = new("metadata", ProtoType.Message, Message: ObjectMeta),
        [2] = new("spec", ProtoType.Message, Message: PodSpec),
    });

    private static readonly ProtoMessage Namespace = new(new()
    {
        [1] = new("metadata", ProtoType.Message, Message: ObjectMeta),
        [2] = new("spec", ProtoType.Message, Message: new(new() { [1] = new("finalizers", ProtoType.String, Repeated: true) })),
        [3] = new("status", ProtoType.Message, Message: new(new() { [1] = new("phase", ProtoType.String) })),
    });

    private static readonly ProtoMessage Pod = new(new()
    {
        [1] = new("metadata", ProtoType.Message, Message: ObjectMeta),
        [2] = new("spec", ProtoType.Message, Message: PodSpec),

        // What a create sends as status is not kept (kubectl sends it empty).
        [3] = new("status", ProtoType.Unmodelled),
    });

    private static readonly ProtoMessage Deployment = new(new()
    {
        [1] = new("metadata", ProtoType.Message, Message: ObjectMeta),
        [2] = new("spec", ProtoType.Message, Message: new(new()
        {
            [1] = new("replicas", ProtoType.Int, Pointer: true),
            [2] = new("selector", ProtoType.Message, Message: LabelSelector),
            [3] = new("template", ProtoType.Message, Message: PodTemplateSpec),
            [4] = new("strategy", ProtoType.Message, Message: new(new()
            {
                [1] = new("type", ProtoType.String),
                [2] = new("rollingUpdate", ProtoType.Message, Message: new(new()
                {
                    [1] = new("maxUnavailable", ProtoType.IntOrString),
                    [2] = new("maxSurge", ProtoType.IntOrString),
                })),
            })),
            [5] = new("minReadySeconds", ProtoType.Int),
            [6] = new("revisionHistoryLimit", ProtoType.Int, Pointer: true),
            [7] = new("paused", ProtoType.Bool),
            [9] = new("progressDeadlineSeconds", ProtoType.Int, Pointer: true),
        })),
        [3] = new("status", ProtoType.Unmodelled),
    });

    /// <summary>The message of each kind by its API version and kind; kinds not here are refused in protobuf (415).</summary>
    public static readonly IReadOnlyDictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds = new Dictionary<(string, string), ProtoMessage>
    {
        [("v1", "Namespace")] = Namespace,
        [("v1", "Pod")] = Pod,
        [("apps/v1", "Deployment")] = Deployment,
    };
}
