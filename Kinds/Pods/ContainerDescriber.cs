using System.Collections.Immutable;
using System.Globalization;
using OrleansKube.Api;
using OrleansKube.Kinds.Describe;
using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Pods;

/// <summary>The <c>Containers:</c> section shared by pods and deployments' pod templates, worded as kubectl's.</summary>
public static class ContainerDescriber
{
    /// <summary>
    /// Writes <paramref name="containers"/> with their observed <paramref name="statuses"/> (none for templates).
    /// A template passes an <paramref name="indent"/>, which kubectl adds before the section and, as one space, before each name.
    /// </summary>
    public static void Write(DescribeWriter w, IReadOnlyList<Container> containers, IReadOnlyList<ContainerStatus>? statuses, string indent = "")
    {
        w.Line(0, indent + "Containers:");
        foreach (var container in containers)
        {
            var status = statuses?.FirstOrDefault(s => s.Name == container.Name);
            w.Line(1, (indent.Length > 0 ? " " : "") + container.Name + ":");
            if (status is not null)
            {
                w.Line(2, $"Container ID:\t{status.ContainerID}");
            }

            w.Line(2, $"Image:\t{container.Image}");
            // On a real node each declared port is given a host port of its own, which the status records.
            WritePorts(w, status?.Ports is { Count: > 0 } assigned ? assigned : container.Ports);
            WriteLines(w, "Command", container.Command);
            WriteLines(w, "Args", container.Args);
            if (status is not null)
            {
                WriteState(w, "State", status.State);
                if (status.LastState?.Terminated is not null)
                {
                    WriteState(w, "Last State", status.LastState);
                }

                w.Line(2, $"Ready:\t{(status.Ready ? "True" : "False")}");
                w.Field(2, "Restart Count", status.RestartCount);
            }

            WriteResources(w, "Limits", container.Resources.Limits);
            WriteResources(w, "Requests", container.Resources.Requests);
            WriteProbe(w, "Liveness", container.LivenessProbe);
            WriteProbe(w, "Readiness", container.ReadinessProbe);
            WriteProbe(w, "Startup", container.StartupProbe);
            WriteEnvironment(w, container.Env);
        }
    }

    /// <summary>kubectl's probe summary: <c>http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3</c>.</summary>
    public static string Probe(Probe probe)
    {
        var timing = string.Create(CultureInfo.InvariantCulture,
            $"delay={Seconds(probe.InitialDelaySeconds ?? 0)} timeout={Seconds(probe.TimeoutSeconds ?? 1)} " +
            $"period={Seconds(probe.PeriodSeconds ?? 10)} #success={probe.SuccessThreshold ?? 1} #failure={probe.FailureThreshold ?? 3}");
        if (probe.Exec is { } exec)
        {
            return $"exec [{string.Join(" ", exec.Command)}] {timing}";
        }

        if (probe.HttpGet is { } http)
        {
            var scheme = (http.Scheme ?? "HTTP").ToLowerInvariant();
            return $"http-get {scheme}://{http.Host}:{http.Port}{http.Path} {timing}";
        }

        return probe.TcpSocket is { } tcp ? $"tcp-socket {tcp.Host}:{tcp.Port} {timing}" : $"unknown {timing}";
    }

    private static string Seconds(int seconds) => GoDuration.Format(TimeSpan.FromSeconds(seconds));

    private static void WritePorts(DescribeWriter w, IReadOnlyList<ContainerPort> ports)
    {
        var container = string.Join(", ", ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Number}/{p.Protocol ?? "TCP"}")));
        var host = string.Join(", ", ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.HostPort ?? 0}/{p.Protocol ?? "TCP"}")));
        var plural = ports.Count > 1 ? "s" : "";
        w.Field(2, "Port" + plural, container);
        w.Field(2, "Host Port" + plural, host);
    }

    private static void WriteLines(DescribeWriter w, string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.Line(2, label + ":");
        foreach (var line in values.SelectMany(value => value.Split('\n')))
        {
            w.Line(3, line);
        }
    }

    private static void WriteState(DescribeWriter w, string label, ContainerState state)
    {
        if (state.Running is { } running)
        {
            w.Line(2, $"{label}:\tRunning");
            w.Line(3, $"Started:\t{DescribeWriter.Time(running.StartedAt)}");
        }
        else if (state.Terminated is { } terminated)
        {
            w.Line(2, $"{label}:\tTerminated");
            OptionalField(w, "Reason", terminated.Reason);
            OptionalField(w, "Message", terminated.Message);
            w.Field(3, "Exit Code", terminated.ExitCode);
            if (terminated.Signal is > 0)
            {
                w.Field(3, "Signal", terminated.Signal.Value);
            }

            w.Line(3, $"Started:\t{DescribeWriter.Time(terminated.StartedAt)}");
            w.Line(3, $"Finished:\t{DescribeWriter.Time(terminated.FinishedAt)}");
        }
        else
        {
            w.Line(2, $"{label}:\tWaiting");
            OptionalField(w, "Reason", state.Waiting?.Reason);
        }
    }

    private static void OptionalField(DescribeWriter w, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.Line(3, $"{label}:\t{value}");
        }
    }

    private static void WriteResources(DescribeWriter w, string label, ImmutableSortedDictionary<string, Quantity> resources)
    {
        if (resources.IsEmpty)
        {
            return;
        }

        w.Line(2, label + ":");
        foreach (var (name, quantity) in resources)
        {
            w.Line(3, $"{name}:\t{quantity}");
        }
    }

    private static void WriteProbe(DescribeWriter w, string label, Probe? probe)
    {
        if (probe is not null)
        {
            w.Line(2, $"{label}:\t{Probe(probe)}");
        }
    }

    private static void WriteEnvironment(DescribeWriter w, IReadOnlyList<EnvVar> env)
    {
        if (env.Count == 0)
        {
            w.Line(2, "Environment:\t<none>");
            return;
        }

        w.Line(2, "Environment:");
        foreach (var variable in env)
        {
            var lines = (variable.Value ?? "").Split('\n');
            w.Line(3, $"{variable.Name}:\t{lines[0]}");
            foreach (var more in lines.Skip(1))
            {
                w.Line(3, "\t" + more);
            }
        }
    }
}
