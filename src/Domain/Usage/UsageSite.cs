namespace EcrCurator.Domain;

/// <summary>
/// Where an image is used, in one account-region: an ECS task or service deployment (<see cref="EcsSite"/>) or a
/// Lambda function version (<see cref="LambdaSite"/>). Its text is what a snapshot stores in <c>images.used_by</c>.
/// </summary>
public abstract record UsageSite(string AccountId, string Region);

/// <summary>Where ECS uses an image: a running task, or a deployment of a service (then <see cref="TaskId"/> is null).</summary>
public sealed record EcsSite(
    string AccountId,
    string Region,
    string Cluster,
    string? Service,
    string? TaskId,
    string Family,
    int Revision) : UsageSite(AccountId, Region)
{
    public override string ToString() =>
        $"{AccountId}/{Region}/{Cluster}/" + (TaskId is null ? $"service/{Service}" : $"task/{TaskId}") + $" ({Family}:{Revision})";
}
