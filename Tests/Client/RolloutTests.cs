using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube rollout history|undo|pause|resume</c> against <see cref="FakeCluster"/>: kubectl's lines and errors.</summary>
public sealed class RolloutTests
{
    private readonly FakeCluster _cluster = new();

    private Deployment Stored => (Deployment)_cluster.Find(Deployment.KindName, "default/web")!;

    [Fact]
    public async Task History_lists_revisions_and_their_change_causes()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.SetHistory("default/web", Revision(2, "nginx:1.24"), Revision(3, "nginx:1.25", "kubectl set image deployment/web web=nginx:1.25"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "history", "deployment/web"));
        Assert.Equal(
            """
            deployment.apps/web
            REVISION  CHANGE-CAUSE
            2         <none>
            3         kubectl set image deployment/web web=nginx:1.25


            """, terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task History_of_a_deployment_without_revisions_says_so()
    {
        _cluster.Put(TestObjects.Deployment("web", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "history", "deploy", "web", "-n", "demo"));
        Assert.Equal("deployment.apps/web\nNo rollout history found.\n", terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task History_of_one_revision_prints_its_pod_template()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        var second = Revision(2, "nginx:1.25", "kubectl set image deployment/web web=nginx:1.25");
        second = second with
        {
            Template = second.Template with
            {
                Spec = second.Template.Spec with
                {
                    Containers =
                    [
                        second.Template.Spec.Containers[0] with
                        {
                            Command = ["nginx", "-g", "daemon off;"],
                            Env = [new EnvVar { Name = "MODE", Value = "prod" }],
                        },
                    ],
                },
            },
        };
        _cluster.SetHistory("default/web", Revision(1, "nginx:1.24"), second);
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "history", "deployment", "web", "--revision", "2"));
        Assert.Equal(
            """
            deployment.apps/web with revision #2
            Pod Template:
              Labels:       app=web
                            pod-template-hash=hash-2
              Annotations:  kubernetes.io/change-cause: kubectl set image deployment/web web=nginx:1.25
              Containers:
               web:
                Image:      nginx:1.25
                Port:       80/TCP
                Host Port:  0/TCP
                Command:
                  nginx
                  -g
                  daemon off;
                Environment:
                  MODE:        prod
              Node-Selectors:  <none>
              Tolerations:     <none>


            """, terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task History_of_an_unknown_revision_fails()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.SetHistory("default/web", Revision(1, "nginx:1.24"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "history", "deployment", "web", "--revision=7"));
        Assert.Equal("error: unable to find the specified revision\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    [Fact]
    public async Task History_of_a_missing_deployment_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "history", "deployment", "ghost"));
        Assert.Equal("error: deployments.apps \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Undo_puts_back_the_previous_revisions_template()
    {
        _cluster.Put(WithImage(TestObjects.Deployment("web"), "nginx:1.25"));
        _cluster.SetHistory("default/web", Revision(1, "nginx:1.23"), Revision(2, "nginx:1.24"), Revision(3, "nginx:1.25"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "undo", "deployment", "web"));
        Assert.Equal("deployment.apps/web rolled back\n", terminal.Out.Text);
        Assert.Equal("nginx:1.24", Stored.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Undo_to_a_revision_puts_back_that_template()
    {
        _cluster.Put(WithImage(TestObjects.Deployment("web", ns: "demo"), "nginx:1.25"));
        _cluster.SetHistory("demo/web", Revision(1, "nginx:1.23"), Revision(2, "nginx:1.24"), Revision(3, "nginx:1.25"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("rollout", "undo", "deploy/web", "--to-revision", "1", "-n", "demo"));
        Assert.Equal("deployment.apps/web rolled back\n", terminal.Out.Text);
        Assert.Equal("nginx:1.23", ((Deployment)_cluster.Find(Deployment.KindName, "demo/web")!).Spec.Template.Spec.Containers[0].Image);
    }

    [Theory]
    [InlineData(new[] { "--to-revision", "5" }, "unable to find specified revision 5 in history")]
    [InlineData(new string[0], "no rollout history found for deployment \"web\"")]
    public async Task Undo_reports_the_clusters_refusal(string[] options, string message)
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.SetHistory("default/web", Revision(1, "nginx:1.25"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync(["rollout", "undo", "deployment", "web", .. options]));
        Assert.Equal($"error: {message}\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(0, _cluster.Updates);
    }

    [Fact]
    public async Task Undo_of_a_paused_deployment_is_refused_as_kubectl_does()
    {
        var deployment = TestObjects.Deployment("web");
        _cluster.Put(deployment with { Spec = deployment.Spec with { Paused = true } });
        _cluster.SetHistory("default/web", Revision(1, "nginx:1.24"), Revision(2, "nginx:1.25"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "undo", "deployment", "web"));
        Assert.Equal(
            "error: you cannot rollback a paused deployment; resume it first with 'okube rollout resume' and try again\n",
            terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, _cluster.Updates);
    }

    [Fact]
    public async Task Undo_of_a_missing_deployment_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("rollout", "undo", "deployment", "ghost"));
        Assert.Equal("error: deployments.apps \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Pause_and_resume_mark_the_deployment_and_refuse_a_repeat()
    {
        _cluster.Put(TestObjects.Deployment("web"));

        var pause = TestTerminal.With(_cluster);
        Assert.Equal(0, await pause.RunAsync("rollout", "pause", "deployment/web"));
        Assert.Equal("deployment.apps/web paused\n", pause.Out.Text);
        Assert.True(Stored.Spec.Paused);

        var again = TestTerminal.With(_cluster);
        Assert.Equal(1, await again.RunAsync("rollout", "pause", "deployment", "web"));
        Assert.Equal("error: deployments.apps \"web\" is already paused\n", again.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", again.Out.Text);

        var resume = TestTerminal.With(_cluster);
        Assert.Equal(0, await resume.RunAsync("rollout", "resume", "deploy", "web"));
        Assert.Equal("deployment.apps/web resumed\n", resume.Out.Text);
        Assert.Null(Stored.Spec.Paused);

        var resumeAgain = TestTerminal.With(_cluster);
        Assert.Equal(1, await resumeAgain.RunAsync("rollout", "resume", "deployment", "web"));
        Assert.Equal("error: deployments.apps \"web\" is not paused\n", resumeAgain.Error.Text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("history", "no history viewer has been implemented for \"Pod\"")]
    [InlineData("undo", "no rollbacker has been implemented for \"Pod\"")]
    [InlineData("pause", "pods \"web\" pausing is not supported")]
    [InlineData("resume", "pods \"web\" resuming is not supported")]
    public async Task Other_kinds_are_refused_before_connecting(string verb, string message)
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("rollout", verb, "pod", "web"));
        Assert.Equal($"error: {message}\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, terminal.Connections);
    }

    private static Deployment WithImage(Deployment deployment, string image) => deployment with
    {
        Spec = deployment.Spec with { Template = Template(image) },
    };

    private static PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta { Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "web") },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image, Ports = [new ContainerPort { Number = 80 }] }] },
    };

    private static DeploymentRevision Revision(long number, string image, string? cause = null) => new()
    {
        Revision = number,
        TemplateHash = $"hash-{number}",
        Template = Template(image),
        ChangeCause = cause,
        CreationTimestamp = TestObjects.Now - TimeSpan.FromMinutes(10 - number),
    };
}
