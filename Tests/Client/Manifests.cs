namespace OrleansKube.Tests.Client;

/// <summary>Manifests written to a temporary directory that is removed with it.</summary>
internal sealed class Manifests : IDisposable
{
    public const string Namespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
        """;

    public const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """;

    public const string PodWithoutNamespace = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: tool
        spec:
          containers:
          - name: tool
            image: busybox
        """;

    public const string PodWithoutName = """
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            app: nameless
        spec:
          containers:
          - name: tool
            image: busybox
        """;

    public Manifests() => Directory = System.IO.Directory.CreateTempSubdirectory("okube-client-tests-").FullName;

    public string Directory { get; }

    public string Write(string fileName, params string[] documents)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, string.Join("\n---\n", documents) + "\n");
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
