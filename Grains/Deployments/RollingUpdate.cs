using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>
/// Kubernetes' rolling update (<c>rolling.go</c>): add new pods while the total stays within replicas + maxSurge, and
/// remove old ones while the available pods stay at or above replicas - maxUnavailable.
/// </summary>
internal static class RollingUpdate
{
    /// <summary>maxSurge rounded up and maxUnavailable rounded down against the replicas; both zero would stall, so then one may be unavailable.</summary>
    public static (int MaxSurge, int MaxUnavailable) Fenceposts(Deployment deployment, int replicas)
    {
        var rolling = deployment.Spec.Strategy?.RollingUpdate;
        var surge = Math.Max(0, (rolling?.MaxSurge ?? "25%").Scale(replicas, roundUp: true));
        var unavailable = Math.Max(0, (rolling?.MaxUnavailable ?? "25%").Scale(replicas, roundUp: false));
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    /// <summary>Adds this step of the rollout to <paramref name="plan"/>; <paramref name="oldestFirst"/> orders the old pods to remove.</summary>
    public static void Plan(ObservedPods pods, int replicas, int maxSurge, int maxUnavailable, IComparer<Pod> oldestFirst, ScalePlan plan)
    {
        var newPods = pods.AliveNew.ToList();
        var oldPods = pods.AliveOld.Order(oldestFirst).ToList();
        if (oldPods.Count == 0)
        {
            plan.ScaleTo(pods.CurrentHash, newPods, replicas);
            return;
        }

        var allAlive = newPods.Count + oldPods.Count;
        if (newPods.Count > replicas)
        {
            plan.ScaleTo(pods.CurrentHash, newPods, replicas);
        }
        else
        {
            plan.Create(pods.CurrentHash, Math.Min(replicas + maxSurge - allAlive, replicas - newPods.Count));
        }

        var minAvailable = replicas - maxUnavailable;
        var newUnavailable = newPods.Count(pod => !pods.IsAvailable(pod));

        // Old pods that are not available cost no availability to remove, but only so many may go while new ones are still coming up.
        var maxCleanup = allAlive - minAvailable - newUnavailable;
        var unhealthy = oldPods.Where(pod => !pods.IsAvailable(pod)).Take(Math.Max(0, maxCleanup)).ToList();
        plan.Delete(unhealthy);

        var maxScaleDown = pods.AvailableCount - minAvailable;
        plan.Delete(oldPods.Where(pods.IsAvailable).Take(Math.Max(0, maxScaleDown)));
    }
}
