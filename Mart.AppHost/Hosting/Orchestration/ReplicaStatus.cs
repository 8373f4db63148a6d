namespace Mart.Hosting.Orchestration;

/// <summary>The state of one process of a resource.</summary>
internal sealed record ReplicaStatus(string State, string Health, int? ProcessId, int? ExitCode, int Restarts)
{
    public static ReplicaStatus Initial { get; } = new(ResourceStates.Starting, HealthStates.Unknown, null, null, 0);

    /// <summary>Folds the replicas of one resource into what the resource as a whole reports.</summary>
    public static (string State, string Health) Combine(IReadOnlyList<ReplicaStatus> replicas)
    {
        string[] precedence = [ResourceStates.Failed, ResourceStates.Exited, ResourceStates.Starting, ResourceStates.Running, ResourceStates.Stopped];
        var state = precedence.First(s => replicas.Any(r => r.State == s));
        var health = replicas.All(r => r.Health == HealthStates.Healthy) ? HealthStates.Healthy
            : replicas.Any(r => r.Health == HealthStates.Unhealthy) ? HealthStates.Unhealthy
            : HealthStates.Unknown;
        return (state, health);
    }
}
