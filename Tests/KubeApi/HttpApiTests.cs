using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>
/// The API at the HTTP level, for what kubectl does not show directly: each refusal's code and <c>Status</c>, discovery's
/// content types, OpenAPI, tables and the watch protocol (synthetic ADDED, bookmarks, 410 Expired as an ERROR event).
/// </summary>
[Collection(KubeApiClusterCollection.Name)]
public sealed class HttpApiTests(KubeApiClusterFixture cluster) : IDisposable
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(cluster.First.ApiServer), Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "application/json", "[1,2]", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "application/json", "{not json", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "application/vnd.kubernetes.protobuf", "k8s\0", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType")]
    [InlineData("PATCH", "/api/v1/namespaces/default/pods/x", "text/plain", "{}", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods", "application/json", "{}", HttpStatusCode.MethodNotAllowed, "MethodNotAllowed")]
    [InlineData("POST", "/api/v1/namespaces/default/events", "application/json", "{}", HttpStatusCode.MethodNotAllowed, "MethodNotAllowed")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/x/exec", null, null, HttpStatusCode.NotFound, "NotFound")]
    [InlineData("GET", "/apis/batch/v1/jobs", null, null, HttpStatusCode.NotFound, "NotFound")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?labelSelector=a%20in", null, null, HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("GET", "/api/v1/namespaces/default/pods?limit=-1", null, null, HttpStatusCode.BadRequest, "BadRequest")]
    public async Task Refusals_are_Status_objects_with_kubernetes_codes(string method, string path, string? contentType, string? body, HttpStatusCode code, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(code, response.StatusCode);
        var status = await StatusAsync(response);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal(reason, (string?)status["reason"]);
        Assert.Equal((int)code, (int?)status["code"]);
        Assert.DoesNotContain("   at ", (string?)status["message"]);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_and_nothing_is_stored()
    {
        var huge = $$$"""{"metadata":{"name":"huge","annotations":{"a":"{{{new string('x', 4 * 1024 * 1024)}}}"}},"spec":{"containers":[{"name":"c","image":"i"}]}}""";

        using var response = await _http.PostAsync("/api/v1/namespaces/default/pods", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", (string?)(await StatusAsync(response))["reason"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/v1/namespaces/default/pods/huge")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_object_names_each_field_in_its_causes()
    {
        var pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"c"}]}}""";

        using var response = await _http.PostAsync("/api/v1/namespaces/default/pods", new StringContent(pod, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var status = await StatusAsync(response);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.StartsWith("Pod \"Bad_Name\" is invalid: ", (string?)status["message"]);
        var fields = status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("spec.containers[0].image", fields);
    }

    [Fact]
    public async Task Unknown_fields_are_refused_warned_about_or_dropped_as_asked()
    {
        var ns = await NamespaceAsync();
        string Pod(string name) => $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","colour":"red"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""";

        using var strict = await PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Strict", Pod("strict"));
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"metadata.colour\"", (string?)(await StatusAsync(strict))["message"]);

        using var warned = await PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Warn", Pod("warned"));
        Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"metadata.colour\\\"\""], warned.Headers.GetValues("Warning"));

        using var ignored = await PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Ignore", Pod("ignored"));
        Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
        Assert.False(ignored.Headers.Contains("Warning"));

        var duplicate = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"dup","name":"dup"},"spec":{"containers":[{"name":"c","image":"i"}]}}""";
        using var refused = await PostAsync($"/api/v1/namespaces/{ns}/pods?fieldValidation=Strict", duplicate);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("duplicate field \"metadata.name\"", (string?)(await StatusAsync(refused))["message"]);
    }

    [Fact]
    public async Task Dry_run_checks_without_storing()
    {
        var ns = await NamespaceAsync();
        var pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"dry"},"spec":{"containers":[{"name":"c","image":"i"}]}}""";

        using var response = await PostAsync($"/api/v1/namespaces/{ns}/pods?dryRun=All", pod);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/namespaces/{ns}/pods/dry")).StatusCode);
    }

    [Fact]
    public async Task Generate_name_makes_a_fresh_name()
    {
        var ns = await NamespaceAsync();
        var pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"job-"},"spec":{"containers":[{"name":"c","image":"i"}]}}""";

        var first = JsonNode.Parse(await (await PostAsync($"/api/v1/namespaces/{ns}/pods", pod)).Content.ReadAsStringAsync())!;
        var second = JsonNode.Parse(await (await PostAsync($"/api/v1/namespaces/{ns}/pods", pod)).Content.ReadAsStringAsync())!;

        Assert.Matches("^job-[a-z0-9]{5}$", (string?)first["metadata"]!["name"]);
        Assert.NotEqual((string?)first["metadata"]!["name"], (string?)second["metadata"]!["name"]);
    }

    [Fact]
    public async Task Delete_preconditions_refuse_a_changed_or_replaced_object_and_keep_it()
    {
        var ns = await NamespaceAsync();
        var created = JsonNode.Parse(await (await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"kept"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""")).Content.ReadAsStringAsync())!;

        foreach (var preconditions in new[] { """{"uid":"00000000-0000-0000-0000-000000000000"}""", """{"resourceVersion":"1"}""" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/kept")
            {
                Content = new StringContent($$$"""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{{{preconditions}}}}""", Encoding.UTF8, "application/json"),
            };
            using var refused = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("Conflict", (string?)(await StatusAsync(refused))["reason"]);
        }

        using var matching = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/kept")
        {
            Content = new StringContent($$$"""{"preconditions":{"uid":"{{{(string?)created["metadata"]!["uid"]}}}"}}""", Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(matching)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/namespaces/{ns}/pods/kept")).StatusCode);
    }

    [Fact]
    public async Task Discovery_answers_in_the_aggregated_and_the_legacy_form()
    {
        using var aggregated = new HttpRequestMessage(HttpMethod.Get, "/apis");
        aggregated.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9");
        using var response = await _http.SendAsync(aggregated);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var groups = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var apps = groups["items"]!.AsArray().Single(g => (string?)g!["metadata"]!["name"] == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => (string?)r!["resource"] == "deployments")!;
        Assert.Contains("scale", deployments["subresources"]!.AsArray().Select(s => (string?)s!["subresource"]));

        var legacy = JsonNode.Parse(await _http.GetStringAsync("/api/v1"))!;
        Assert.Equal("APIResourceList", (string?)legacy["kind"]);
        Assert.Contains("pods/log", legacy["resources"]!.AsArray().Select(r => (string?)r!["name"]));
    }

    [Fact]
    public async Task OpenApi_v3_lists_documents_whose_patch_takes_field_validation()
    {
        var root = JsonNode.Parse(await _http.GetStringAsync("/openapi/v3"))!;
        var url = (string?)root["paths"]!["apis/apps/v1"]!["serverRelativeURL"];
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", url);

        var document = JsonNode.Parse(await _http.GetStringAsync(url))!;
        var patch = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/openapi/v2")).StatusCode);
    }

    [Fact]
    public async Task Tables_have_the_okube_columns_and_the_objects_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes?includeObject=Object");
        request.Headers.Accept.ParseAdd(TableAccept);
        using var response = await _http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Table", (string?)table["kind"]);
        var columns = table["columnDefinitions"]!.AsArray().Select(c => ((string?)c!["name"], (int?)c["priority"])).ToList();
        Assert.Equal(("Name", 0), columns[0]);
        Assert.Contains(("Status", 0), columns);
        Assert.Contains(columns, c => c.Item2 == 1);
        var row = table["rows"]!.AsArray().First()!;
        Assert.Equal(columns.Count, row["cells"]!.AsArray().Count);
        Assert.Equal("Node", (string?)row["object"]!["kind"]);
    }

    [Fact]
    public async Task A_watch_starts_with_the_objects_then_streams_changes_and_bookmarks()
    {
        var ns = await NamespaceAsync();
        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"first"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");

        using var watch = await _http.GetAsync($"/api/v1/namespaces/{ns}/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var added = JsonNode.Parse((await reader.ReadLineAsync())!)!;
        Assert.Equal("ADDED", (string?)added["type"]);
        Assert.Equal("first", (string?)added["object"]!["metadata"]!["name"]);

        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"second"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");
        var events = new List<JsonNode>();
        await Poll.UntilAsync(async () =>
        {
            events.Add(JsonNode.Parse((await reader.ReadLineAsync())!)!);
            return events;
        }, seen => seen.Any(e => (string?)e["type"] == "BOOKMARK") && seen.Any(e => (string?)e["object"]!["metadata"]!["name"] == "second"), TimeSpan.FromSeconds(30),
        seen => string.Join(", ", seen.Select(e => (string?)e["type"])));

        // The bookmark's version resumes the watch: nothing seen before it comes again.
        var bookmark = (string?)events.Last(e => (string?)e["type"] == "BOOKMARK")["object"]!["metadata"]!["resourceVersion"];
        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"third"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");
        using var resumed = await _http.GetAsync($"/api/v1/namespaces/{ns}/pods?watch=1&resourceVersion={bookmark}&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var resumedReader = new StreamReader(await resumed.Content.ReadAsStreamAsync());
        var after = new List<JsonNode>();
        await Poll.UntilAsync(async () =>
        {
            after.Add(JsonNode.Parse((await resumedReader.ReadLineAsync())!)!);
            return after;
        }, seen => seen.Any(e => (string?)e["object"]!["metadata"]!["name"] == "third"), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(after, e => (string?)e["type"] == "ADDED" && (string?)e["object"]!["metadata"]!["name"] != "third");
    }

    [Fact]
    public async Task A_watch_on_another_silo_from_a_lists_version_misses_nothing_and_repeats_nothing()
    {
        var ns = await NamespaceAsync();
        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"before"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");
        var list = JsonNode.Parse(await _http.GetStringAsync($"/api/v1/namespaces/{ns}/pods"))!;
        var version = (string?)list["metadata"]!["resourceVersion"];
        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"between"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");

        using var second = new HttpClient { BaseAddress = new Uri(cluster.Second.ApiServer), Timeout = TimeSpan.FromSeconds(60) };
        using var watch = await second.GetAsync($"/api/v1/namespaces/{ns}/pods?watch=1&resourceVersion={version}&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        await PostAsync($"/api/v1/namespaces/{ns}/pods", """{"metadata":{"name":"after"},"spec":{"containers":[{"name":"c","image":"i","command":["sleep","60"]}]}}""");

        var events = new List<JsonNode>();
        await Poll.UntilAsync(async () =>
        {
            events.Add(JsonNode.Parse((await reader.ReadLineAsync())!)!);
            return events;
        }, seen => seen.Any(e => (string?)e["object"]!["metadata"]!["name"] == "after"), TimeSpan.FromSeconds(30));
        var added = events.Where(e => (string?)e["type"] == "ADDED").Select(e => (string?)e["object"]!["metadata"]!["name"]).ToList();
        Assert.Equal(["between", "after"], added);
    }

    [Fact]
    public async Task A_watch_from_a_version_it_cannot_resume_ends_with_410_Expired()
    {
        using var watch = await _http.GetAsync("/api/v1/namespaces/default/pods?watch=1&resourceVersion=12345", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        var error = JsonNode.Parse((await new StreamReader(await watch.Content.ReadAsStreamAsync()).ReadLineAsync())!)!;
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
    }

    [Fact]
    public async Task Health_and_version_answer()
    {
        Assert.Equal("ok", await _http.GetStringAsync("/readyz"));
        Assert.Equal("ok", await _http.GetStringAsync("/livez"));
        Assert.Equal("1", (string?)JsonNode.Parse(await _http.GetStringAsync("/version"))!["major"]);
    }

    private async Task<string> NamespaceAsync()
    {
        var name = $"http-{Guid.NewGuid():N}"[..12];
        using var response = await PostAsync("/api/v1/namespaces", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> StatusAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty answer");
}
