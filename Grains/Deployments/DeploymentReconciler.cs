namespace OrleansKube.Deployments;

/// <summary>The deployment controller's decision, as a pure function: no Orleans, no clock, no I/O.</summary>
public static class DeploymentReconciler
{
    public static ReconcilePlan Reconcile(ReconcileInput input) => throw new NotImplementedException("being written");
}
