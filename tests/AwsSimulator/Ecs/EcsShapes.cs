namespace EcrCurator.AwsSimulator.Ecs;

internal sealed record Failure(string Arn, string Reason, string? Detail = null);

internal sealed record EcsTag(string Key, string Value);

internal sealed record DeploymentController(string Type);

internal sealed record ServiceDetail
{
    public required string ServiceArn { get; init; }

    public required string ServiceName { get; init; }

    public required string ClusterArn { get; init; }

    public required string Status { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public string? TaskDefinition { get; init; }

    public IReadOnlyList<DeploymentDetail>? Deployments { get; init; }

    public IReadOnlyList<TaskSetDetail>? TaskSets { get; init; }

    public IReadOnlyList<RevisionSummary>? CurrentServiceRevisions { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string SchedulingStrategy { get; init; } = "REPLICA";

    public required DeploymentController DeploymentController { get; init; }

    public IReadOnlyList<EcsTag>? Tags { get; init; }
}

internal sealed record DeploymentDetail(
    string Id,
    string Status,
    string TaskDefinition,
    int DesiredCount,
    int PendingCount,
    int RunningCount,
    int FailedTasks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string RolloutState);

internal sealed record TaskSetDetail
{
    public required string Id { get; init; }

    public required string TaskSetArn { get; init; }

    public required string ServiceArn { get; init; }

    public required string ClusterArn { get; init; }

    public required string Status { get; init; }

    public required string TaskDefinition { get; init; }

    public int ComputedDesiredCount { get; init; }

    public int PendingCount { get; init; }

    public int RunningCount { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string StabilityStatus { get; init; } = "STEADY_STATE";
}

internal sealed record RevisionSummary(string Arn, int RequestedTaskCount, int RunningTaskCount, int PendingTaskCount);

internal sealed record ServiceRevisionDetail(
    string ServiceRevisionArn,
    string ServiceArn,
    string ClusterArn,
    string TaskDefinition,
    IReadOnlyList<ContainerImage> ContainerImages,
    DateTimeOffset CreatedAt);

internal sealed record ContainerImage(string ContainerName, string? ImageDigest, string Image);

internal sealed record TaskDetail
{
    public required string TaskArn { get; init; }

    public required string ClusterArn { get; init; }

    public required string TaskDefinitionArn { get; init; }

    public required string LastStatus { get; init; }

    public required string DesiredStatus { get; init; }

    public string? Group { get; init; }

    public string? StartedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public required IReadOnlyList<ContainerDetail> Containers { get; init; }

    public long Version { get; init; } = 1;

    public IReadOnlyList<EcsTag>? Tags { get; init; }
}

internal sealed record ContainerDetail(string ContainerArn, string TaskArn, string Name, string Image, string? ImageDigest, string LastStatus);

internal sealed record TaskDefinitionDetail(
    string TaskDefinitionArn,
    IReadOnlyList<ContainerDefinitionDetail> ContainerDefinitions,
    string Family,
    int Revision,
    string Status,
    DateTimeOffset RegisteredAt);

internal sealed record ContainerDefinitionDetail(string Name, string Image, bool Essential);
