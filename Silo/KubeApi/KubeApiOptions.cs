namespace OrleansKube.Silo.KubeApi;

/// <summary>Timings of the Kubernetes API's long-running answers (section <c>OrleansKube:KubeApi</c>).</summary>
public sealed class KubeApiOptions
{
    public const string Section = "OrleansKube:KubeApi";

    /// <summary>
    /// How often a watch that asked for bookmarks is told the version it has reached, when something changed since the
    /// last one; a watch started again from it resumes without a list. Default 5 s (kube-apiserver: about a minute).
    /// </summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <c>log?follow=true</c> reads on from the node. Default 200 ms.</summary>
    public TimeSpan LogPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
