using System.Net;
using System.Net.Sockets;
using System.Text;
using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Silo.Kubelet.Probes;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Kubelet;

public sealed class ProberTests : IAsyncLifetime
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly SimulatedRuntime _runtime = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private IRunningContainer _container = null!;
    private Task _serving = Task.CompletedTask;
    private int _status = 200;

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private ContainerPorts Ports => new([new ContainerPort { Name = "http", Number = 8080, HostPort = Port }]);

    public async Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync();
        var directory = Path.GetTempPath();
        _container = await _runtime.StartAsync(
            new ContainerLaunch
            {
                PodKey = "default/p",
                PodUid = "u",
                Container = new Container { Name = "c", Command = ["true"] },
                Environment = new Dictionary<string, string>(),
                WorkingDirectory = directory,
                LogPath = Path.Combine(directory, "unused.log"),
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        await _runtime.DisposeAsync();
        _http.Dispose();
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(302, true)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    public async Task Http_get_is_healthy_from_200_to_399(int status, bool healthy)
    {
        _status = status;

        var result = await ProbeAsync(new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = new IntOrString("http") } });

        Assert.Equal(healthy, result.Success);
        if (!healthy)
        {
            Assert.Equal($"HTTP probe failed with statuscode: {status}", result.Message);
        }
    }

    [Fact]
    public async Task Tcp_socket_reaches_the_host_port_of_a_container_port()
    {
        var open = await ProbeAsync(new Probe { TcpSocket = new TcpSocketAction { Port = new IntOrString(8080) } });
        _listener.Stop();
        var closed = await ProbeAsync(new Probe { TcpSocket = new TcpSocketAction { Port = new IntOrString(8080) } });

        Assert.True(open.Success);
        Assert.False(closed.Success);
    }

    [Fact]
    public async Task Exec_runs_the_command_with_its_variables_expanded()
    {
        var ran = new List<string>();
        _runtime.Exec = (_, command) =>
        {
            ran.Add(string.Join(' ', command));
            return new ExecResult(command[^1] == "41000" ? 0 : 1, "not ready", TimedOut: false);
        };

        var healthy = await ProbeAsync(new Probe { Exec = new ExecAction { Command = ["check", "$(PORT)"] } }, new() { ["PORT"] = "41000" });
        var sick = await ProbeAsync(new Probe { Exec = new ExecAction { Command = ["check", "$(OTHER)"] } });

        Assert.Equal(["check 41000", "check $(OTHER)"], ran);
        Assert.True(healthy.Success);
        Assert.False(sick.Success);
        Assert.Equal("command exited with 1: not ready", sick.Message);
    }

    private Task<ProbeResult> ProbeAsync(Probe probe, Dictionary<string, string>? environment = null) =>
        new Prober(_http).ProbeAsync(probe, _container, Ports, environment ?? [], CancellationToken.None);

    // A tiny HTTP server: answers every request with the status the test set.
    private async Task ServeAsync()
    {
        while (true)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {_status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(response);
        }
    }
}
