namespace EcrCurator.Domain;

/// <summary>Where ECS uses an image: a running task, or a deployment of a service (then <see cref="TaskId"/> is null).</summary>
public sealed record UsageSite(
    string AccountId,
    string Region,
    string Cluster,
    string? Service,
    string? TaskId,
    string Family,
    int Revision)
{
    public override string ToString() =>
        $"{AccountId}/{Region}/{Cluster}/" + (TaskId is null ? $"service/{Service}" : $"task/{TaskId}") + $" ({Family}:{Revision})";
}
