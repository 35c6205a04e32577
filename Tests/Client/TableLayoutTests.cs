using OrleansKube.Api;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;
using OrleansKube.Model;

namespace OrleansKube.Tests.Client;

public sealed class TableLayoutTests
{
    private static readonly DateTimeOffset Now = TestObjects.Now;

    [Fact]
    public void Pods_are_listed_sorted_under_an_upper_case_header()
    {
        var text = Print(Resources.Pods, OutputFormat.Table, allNamespaces: false, TestObjects.RunningPod("web-1"), TestObjects.PendingPod("pending-abc"));

        Assert.Equal(
            """
            NAME          READY   STATUS    RESTARTS   AGE
            pending-abc   0/2     Pending   0          45s
            web-1         1/1     Running   0          5m

            """, text);
    }

    [Fact]
    public void Wide_pods_add_ip_and_node()
    {
        var text = Print(Resources.Pods, OutputFormat.Wide, allNamespaces: false, TestObjects.RunningPod("web-1"), TestObjects.PendingPod("pending-abc"));

        Assert.Equal(
            """
            NAME          READY   STATUS    RESTARTS   AGE   IP         NODE
            pending-abc   0/2     Pending   0          45s   <none>     <none>
            web-1         1/1     Running   0          5m    10.1.0.7   node-1

            """, text);
    }

    [Fact]
    public void All_namespaces_put_the_namespace_first_and_sort_by_it()
    {
        var text = Print(Resources.Pods, OutputFormat.Table, allNamespaces: true,
            TestObjects.RunningPod("dns-0", "kube-system", TimeSpan.FromHours(52), restarts: 3), TestObjects.RunningPod("web-1"));

        Assert.Equal(
            """
            NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE
            default       web-1   1/1     Running   0          5m
            kube-system   dns-0   1/1     Running   3          2d4h

            """, text);
    }

    [Fact]
    public void Deployments_show_ready_of_desired()
    {
        Assert.Equal(
            """
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE
            api    1/1     1            1           5h3m
            web    2/3     2            2           5h3m

            """, Print(Resources.Deployments, OutputFormat.Table, false, TestObjects.Deployment("web"), TestObjects.Deployment("api", 1, 1)));
    }

    [Fact]
    public void Wide_deployments_add_containers_images_and_selector()
    {
        Assert.Equal(
            """
            NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS    IMAGES               SELECTOR
            web    2/3     2            2           5h3m   web,sidecar   nginx:1.25,busybox   app=web

            """, Print(Resources.Deployments, OutputFormat.Wide, false, TestObjects.Deployment("web")));
    }

    [Fact]
    public void Nodes_show_readiness_cordon_roles_and_version()
    {
        Assert.Equal(
            """
            NAME     STATUS                     ROLES           AGE    VERSION
            node-1   Ready,SchedulingDisabled   control-plane   2d4h   v1.30.0-okube
            node-2   NotReady                   control-plane   2d4h   v1.30.0-okube

            """, Print(Resources.Nodes, OutputFormat.Table, true, TestObjects.Node("node-2", ready: false), TestObjects.Node("node-1", cordoned: true)));
    }

    [Fact]
    public void Wide_nodes_add_address_and_allocatable_resources()
    {
        var bare = TestObjects.Node("bare") with { Status = null, Metadata = TestObjects.Meta("bare", null, TimeSpan.FromSeconds(5)) };

        Assert.Equal(
            """
            NAME     STATUS    ROLES           AGE    VERSION         INTERNAL-IP    CPU      MEMORY   PODS
            bare     Unknown   <none>          5s     <none>          <none>         <none>   <none>   <none>
            node-1   Ready     control-plane   2d4h   v1.30.0-okube   192.168.1.10   3800m    7Gi      110

            """,
            Print(Resources.Nodes, OutputFormat.Wide, false, TestObjects.Node("node-1"), bare));
    }

    [Fact]
    public void Namespaces_show_status_and_age()
    {
        Assert.Equal(
            """
            NAME          STATUS   AGE
            default       Active   30d
            kube-system   Active   30d

            """, Print(Resources.Namespaces, OutputFormat.Table, false, TestObjects.Namespace("kube-system"), TestObjects.Namespace("default")));
    }

    [Fact]
    public void Watched_rows_follow_without_a_header_in_the_same_columns()
    {
        var printer = new ObjectPrinter(Resources.Pods, OutputFormat.Table);
        var first = printer.Print([TestObjects.RunningPod("web-1")], asList: true, Now);
        var next = printer.PrintEach([TestObjects.PendingPod("web-2")], Now);
        var longer = printer.PrintEach([TestObjects.PendingPod("a-much-longer-name")], Now);

        Assert.Equal("NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\n", first);
        Assert.Equal("web-2   0/2     Pending   0          45s\n", next);
        Assert.Equal("a-much-longer-name   0/2     Pending   0          45s\n", longer);
    }

    [Fact]
    public void Watch_without_initial_objects_prints_the_header_with_the_first_row()
    {
        var printer = new ObjectPrinter(Resources.Pods, OutputFormat.Table);

        Assert.Equal("", printer.Print([], asList: true, Now));
        Assert.StartsWith("NAME    READY", printer.PrintEach([TestObjects.RunningPod("web-1")], Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_are_plain_text_even_with_markup_characters()
    {
        var text = new TablePrinter().Render(["A", "B"], [["[red]x[/]", "y"]]);

        Assert.Equal("A           B\n[red]x[/]   y\n", text);
    }

    private static string Print(ResourceInfo resource, OutputFormat format, bool allNamespaces, params IKubeObject[] objects) =>
        new ObjectPrinter(resource, format, allNamespaces).Print(ObjectPrinter.InOrder(objects), asList: true, Now);
}
