namespace OrleansKube.Deployments;

/// <summary>Kubernetes' recreate strategy (<c>recreate.go</c>): every old pod is gone before the first new one is made.</summary>
internal static class Recreate
{
    public static void Plan(ObservedPods pods, int replicas, ScalePlan plan)
    {
        var oldAlive = pods.AliveOld.ToList();
        if (oldAlive.Count > 0 || pods.Terminating.Any(pod => !pods.IsNew(pod)))
        {
            plan.Delete(oldAlive);
            return;
        }

        plan.ScaleTo(pods.CurrentHash, pods.AliveNew, replicas);
    }
}
