using System.Collections.Immutable;

namespace OrleansKube.Model.Pods;

/// <summary>A health check of a container: exactly one of exec, httpGet or tcpSocket, with Kubernetes' timing fields.</summary>
[GenerateSerializer, Immutable, Alias("okube.Probe")]
public sealed record Probe
{
    [Id(0)] public ExecAction? Exec { get; init; }
    [Id(1)] public HttpGetAction? HttpGet { get; init; }
    [Id(2)] public TcpSocketAction? TcpSocket { get; init; }
    [Id(3)] public int? InitialDelaySeconds { get; init; }

    /// <summary>Default 1.</summary>
    [Id(4)] public int? TimeoutSeconds { get; init; }

    /// <summary>Default 10.</summary>
    [Id(5)] public int? PeriodSeconds { get; init; }

    /// <summary>Default 1; must be 1 for liveness and startup probes.</summary>
    [Id(6)] public int? SuccessThreshold { get; init; }

    /// <summary>Default 3.</summary>
    [Id(7)] public int? FailureThreshold { get; init; }
}

/// <summary>Runs a command in the container's environment; exit code 0 is healthy.</summary>
[GenerateSerializer, Immutable, Alias("okube.ExecAction")]
public sealed record ExecAction
{
    [Id(0)] public ImmutableList<string> Command { get; init; } = [];
}

/// <summary>An HTTP GET; a status from 200 to 399 is healthy.</summary>
[GenerateSerializer, Immutable, Alias("okube.HttpGetAction")]
public sealed record HttpGetAction
{
    [Id(0)] public string? Path { get; init; }

    /// <summary>A port number or the name of a container port.</summary>
    [Id(1)] public IntOrString Port { get; init; }
    [Id(2)] public string? Host { get; init; }

    /// <summary><c>HTTP</c> (default) or <c>HTTPS</c>.</summary>
    [Id(3)] public string? Scheme { get; init; }
    [Id(4)] public ImmutableList<HttpHeader> HttpHeaders { get; init; } = [];
}

/// <summary>A header sent with an HTTP probe.</summary>
[GenerateSerializer, Immutable, Alias("okube.HttpHeader")]
public sealed record HttpHeader
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public string Value { get; init; } = "";
}

/// <summary>Opens a TCP connection; success is healthy.</summary>
[GenerateSerializer, Immutable, Alias("okube.TcpSocketAction")]
public sealed record TcpSocketAction
{
    [Id(0)] public IntOrString Port { get; init; }
    [Id(1)] public string? Host { get; init; }
}
