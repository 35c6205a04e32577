using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit;

public sealed class PodValidationTests
{
    private const string P = "Pod \"web-0\": ";
    private const string C = P + "spec.containers[0].";

    private static Pod Pod => Samples.Pod();

    private static readonly Dictionary<string, (Pod Pod, string[] Lines)> Cases = new()
    {
        ["no containers"] = (Pod.WithSpec(s => s with { Containers = [] }), [P + "spec.containers: Required value"]),
        ["container without name"] = (Pod.WithContainer(c => c with { Name = "" }), [C + "name: Required value"]),
        ["container name not a label"] = (Pod.WithContainer(c => c with { Name = "Web" }), [C + "name: Invalid value: \"Web\": " + Check.Label]),
        ["container name with dots"] = (Pod.WithContainer(c => c with { Name = "web.1" }), [C + "name: Invalid value: \"web.1\": must not contain dots"]),
        ["duplicate container name"] = (Pod.WithSpec(s => s with { Containers = s.Containers.SetItem(1, s.Containers[1] with { Name = "web" }) }), [P + "spec.containers[1].name: Duplicate value: \"web\""]),
        ["no image"] = (Pod.WithContainer(c => c with { Image = null }), [C + "image: Required value"]),
        ["image with spaces"] = (Pod.WithContainer(c => c with { Image = " nginx" }), [C + "image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]),
        ["env without name"] = (Pod.WithContainer(c => c with { Env = c.Env.SetItem(1, new EnvVar { Value = "x" }) }), [C + "env[1].name: Required value"]),
        ["env name with ="] = (Pod.WithContainer(c => c with { Env = [new() { Name = "A=B" }] }), [C + "env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"]),
        ["env name with a newline"] = (Pod.WithContainer(c => c with { Env = [new() { Name = "A\nB" }] }), [C + "env[0].name: Invalid value: \"A\\nB\": a valid environment variable name must consist only of printable ASCII characters other than '='"]),
        ["env name with a bell"] = (Pod.WithContainer(c => c with { Env = [new() { Name = "A\aB" }] }), [C + "env[0].name: Invalid value: \"A\\aB\": a valid environment variable name must consist only of printable ASCII characters other than '='"]),
        ["port 0"] = (Pod.WithContainer(c => c with { Ports = [new() { Number = 0 }] }), [C + "ports[0].containerPort: Required value"]),
        ["port too high"] = (Pod.WithContainer(c => c with { Ports = [new() { Number = 70000 }] }), [C + "ports[0].containerPort: Invalid value: 70000: " + Check.PortRange]),
        ["negative port"] = (Pod.WithContainer(c => c with { Ports = [new() { Number = -80 }] }), [C + "ports[0].containerPort: Invalid value: -80: " + Check.PortRange]),
        ["host port out of range"] = (Pod.WithContainer(c => c with { Ports = c.Ports.SetItem(1, c.Ports[1] with { HostPort = -1 }) }), [C + "ports[1].hostPort: Invalid value: -1: " + Check.PortRange]),
        ["unknown protocol"] = (Pod.WithContainer(c => c with { Ports = [new() { Number = 80, Protocol = "HTTP" }] }), [C + "ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]),
        ["port name in upper case"] = (Pod.WithContainer(c => c with { Ports = [new() { Name = "Http", Number = 80 }] }), [C + "ports[0].name: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"]),
        ["port name without a letter"] = (Pod.WithContainer(c => c with { Ports = [new() { Name = "8080", Number = 80 }] }), [C + "ports[0].name: Invalid value: \"8080\": must contain at least one letter (a-z)"]),
        ["port name with double hyphen"] = (Pod.WithContainer(c => c with { Ports = [new() { Name = "a--b", Number = 80 }] }), [C + "ports[0].name: Invalid value: \"a--b\": must not contain consecutive hyphens"]),
        ["port name starting with a hyphen"] = (Pod.WithContainer(c => c with { Ports = [new() { Name = "-ab", Number = 80 }] }), [C + "ports[0].name: Invalid value: \"-ab\": must not begin or end with a hyphen"]),
        ["port name too long"] = (Pod.WithContainer(c => c with { Ports = [new() { Name = "name-is-too-long", Number = 80 }] }), [C + "ports[0].name: Invalid value: \"name-is-too-long\": must be no more than 15 characters"]),
        ["duplicate port name"] = (Pod.WithContainer(c => c with { Ports = c.Ports.SetItem(1, c.Ports[1] with { Name = "http" }) }), [C + "ports[1].name: Duplicate value: \"http\""]),
        ["duplicate host port"] = (Pod.WithSpec(s => s with { Containers = s.Containers.SetItem(1, s.Containers[1] with { Ports = [new() { Number = 1, HostPort = 19090, Protocol = "UDP" }] }) }), [P + "spec.containers[1].ports[0].hostPort: Duplicate value: \"UDP/19090\""]),
        ["non-standard resource"] = (Pod.WithContainer(c => c with { Resources = new() { Limits = Samples.Resources("nvidia.com/gpu=1") } }), [C + "resources.limits[nvidia.com/gpu]: Invalid value: \"nvidia.com/gpu\": must be a standard resource for containers",
            // Defaulting gives the resource a request equal to its limit, and that is refused too.
            C + "resources.requests[nvidia.com/gpu]: Invalid value: \"nvidia.com/gpu\": must be a standard resource for containers"]),
        ["negative request"] = (Pod.WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("cpu=-1") } }), [C + "resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"]),
        ["request above limit"] = (Pod.WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("cpu=2"), Limits = Samples.Resources("cpu=1") } }), [C + "resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"]),
        ["memory request above limit"] = (Pod.WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("memory=1Gi"), Limits = Samples.Resources("memory=512Mi") } }), [C + "resources.requests: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi"]),
        ["huge pages without limit"] = (Pod.WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("hugepages-2Mi=2Mi") } }), [C + "resources.limits: Required value: Limit must be set for non overcommitable resources"]),
        ["huge pages request below limit"] = (Pod.WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("hugepages-2Mi=2Mi"), Limits = Samples.Resources("hugepages-2Mi=4Mi") } }), [C + "resources.requests: Invalid value: \"2Mi\": must be equal to hugepages-2Mi limit of 4Mi"]),
        ["probe without handler"] = (Pod.WithContainer(c => c with { LivenessProbe = new() }), [C + "livenessProbe: Required value: must specify a handler type"]),
        ["probe with two handlers"] = (Pod.WithContainer(c => c with { ReadinessProbe = c.ReadinessProbe! with { HttpGet = new() { Port = 80 } } }), [C + "readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"]),
        ["exec probe without command"] = (Pod.WithContainer(c => c with { StartupProbe = c.StartupProbe! with { Exec = new() } }), [C + "startupProbe.exec.command: Required value"]),
        ["liveness success threshold"] = (Pod.WithContainer(c => c with { LivenessProbe = c.LivenessProbe! with { SuccessThreshold = 2 } }), [C + "livenessProbe.successThreshold: Invalid value: 2: must be 1"]),
        ["startup success threshold"] = (Pod.WithContainer(c => c with { StartupProbe = c.StartupProbe! with { SuccessThreshold = 3 } }), [C + "startupProbe.successThreshold: Invalid value: 3: must be 1"]),
        ["period of zero"] = (Pod.WithContainer(c => c with { ReadinessProbe = c.ReadinessProbe! with { PeriodSeconds = 0 } }), [C + "readinessProbe.periodSeconds: Invalid value: 0: must be greater than or equal to 1"]),
        ["negative timeout and failure threshold"] = (Pod.WithContainer(c => c with { ReadinessProbe = c.ReadinessProbe! with { TimeoutSeconds = -1, FailureThreshold = 0 } }), [C + "readinessProbe.timeoutSeconds: Invalid value: -1: must be greater than or equal to 1", C + "readinessProbe.failureThreshold: Invalid value: 0: must be greater than or equal to 1"]),
        ["negative initial delay"] = (Pod.WithContainer(c => c with { LivenessProbe = c.LivenessProbe! with { InitialDelaySeconds = -1 } }), [C + "livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0"]),
        ["http probe port 0"] = (Pod.WithContainer(c => c with { LivenessProbe = new() { HttpGet = new() } }), [C + "livenessProbe.httpGet.port: Invalid value: 0: " + Check.PortRange]),
        ["http probe port name in capitals"] = (Pod.WithContainer(c => c with { LivenessProbe = new() { HttpGet = new() { Port = "HTTP" } } }), [C + "livenessProbe.httpGet.port: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", C + "livenessProbe.httpGet.port: Invalid value: \"HTTP\": must contain at least one letter (a-z)"]),
        ["tcp probe port too high"] = (Pod.WithContainer(c => c with { ReadinessProbe = new() { TcpSocket = new() { Port = 70000 } } }), [C + "readinessProbe.tcpSocket.port: Invalid value: 70000: " + Check.PortRange]),
        ["http probe scheme"] = (Pod.WithContainer(c => c with { LivenessProbe = new() { HttpGet = new() { Port = 80, Scheme = "FTP" } } }), [C + "livenessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\""]),
        ["http probe header name"] = (Pod.WithContainer(c => c with { LivenessProbe = new() { HttpGet = new() { Port = 80, HttpHeaders = [new() { Name = "X Bad", Value = "1" }] } } }), [C + "livenessProbe.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"]),
        ["restart policy"] = (Pod.WithSpec(s => s with { RestartPolicy = "Sometimes" }), [P + "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""]),
        ["image pull policy"] = (Pod.WithContainer(c => c with { ImagePullPolicy = "Sometimes" }), [C + "imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""]),
        ["node selector key"] = (Pod.WithSpec(s => s with { NodeSelector = Samples.Labels("-os=linux") }), [P + "spec.nodeSelector: Invalid value: \"-os\": name part " + Check.QualifiedName]),
        ["node selector value"] = (Pod.WithSpec(s => s with { NodeSelector = Samples.Labels("os=linux server") }), [P + "spec.nodeSelector: Invalid value: \"linux server\": " + Check.LabelValue]),
        ["node name"] = (Pod.WithSpec(s => s with { NodeName = "Node_1" }), [P + "spec.nodeName: Invalid value: \"Node_1\": " + Check.Subdomain]),
        ["toleration key"] = (Pod.WithSpec(s => s with { Tolerations = [new() { Key = "bad key", Operator = "Exists" }] }), [P + "spec.tolerations[0].key: Invalid value: \"bad key\": name part " + Check.QualifiedName]),
        ["toleration Exists with a value"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(1, s.Tolerations[1] with { Value = "x" }) }), [P + "spec.tolerations[1].value: Invalid value: \"x\": value must be empty when `operator` is 'Exists'"]),
        ["toleration without key but Equal"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(2, new Toleration { Operator = "Equal" }) }), [P + "spec.tolerations[2].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]),
        ["toleration operator"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(0, s.Tolerations[0] with { Operator = "In" }) }), [P + "spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""]),
        ["toleration effect"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(0, s.Tolerations[0] with { Effect = "NoRun" }) }), [P + "spec.tolerations[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]),
        ["toleration seconds without NoExecute"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(0, s.Tolerations[0] with { TolerationSeconds = 10 }) }), [P + "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]),
        ["toleration value"] = (Pod.WithSpec(s => s with { Tolerations = s.Tolerations.SetItem(0, s.Tolerations[0] with { Value = "a b" }) }), [P + "spec.tolerations[0].value: Invalid value: \"a b\": " + Check.LabelValue]),
        ["negative grace period"] = (Pod.WithSpec(s => s with { TerminationGracePeriodSeconds = -1 }), [P + "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0"]),
    };

    public static TheoryData<string> InvalidCases => Check.Names(Cases);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Reports_each_invalid_field_as_kubernetes_words_it(string name)
    {
        var (pod, lines) = Cases[name];

        Assert.Equal(Check.Lines(lines), Check.Errors(pod));
    }
}
