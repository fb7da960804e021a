namespace EcrCurator.Worlds;

public sealed record WorldTaskDefinition
{
    public required string Family { get; init; }

    public required int Revision { get; init; }

    public string Status { get; init; } = "ACTIVE";

    public IReadOnlyList<WorldContainerDefinition> Containers { get; init; } = [];

    public string Name => $"{Family}:{Revision}";
}

public sealed record WorldContainerDefinition(string Name, string Image);

public sealed record WorldCluster
{
    public required string Name { get; init; }

    public IReadOnlyList<WorldService> Services { get; init; } = [];

    public IReadOnlyList<WorldTask> Tasks { get; init; } = [];
}

public sealed record WorldService
{
    public required string Name { get; init; }

    public string Status { get; init; } = "ACTIVE";

    public int DesiredCount { get; init; }

    /// <summary><c>ECS</c>, <c>CODE_DEPLOY</c> or <c>EXTERNAL</c>; the latter two report task sets.</summary>
    public string DeploymentController { get; init; } = "ECS";

    public IReadOnlyList<WorldDeployment> Deployments { get; init; } = [];
}

public sealed record WorldDeployment
{
    public required string Status { get; init; }

    /// <summary><c>family:revision</c>.</summary>
    public required string TaskDefinition { get; init; }

    /// <summary>The digests ECS resolved for this deployment, in task-definition container order.</summary>
    public IReadOnlyList<string>? ImageDigests { get; init; }
}

public sealed record WorldTask
{
    public required string Id { get; init; }

    /// <summary><c>family:revision</c>.</summary>
    public required string TaskDefinition { get; init; }

    public string LastStatus { get; init; } = "RUNNING";

    public string? DesiredStatus { get; init; }

    public string? Group { get; init; }

    public IReadOnlyList<WorldContainer> Containers { get; init; } = [];

    private static readonly string[] StoppingStatuses = ["DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"];

    /// <summary>The desired status given, else <c>STOPPED</c> for a stopping or stopped task and <c>RUNNING</c> otherwise.</summary>
    public string EffectiveDesiredStatus => DesiredStatus ?? (StoppingStatuses.Contains(LastStatus) ? "STOPPED" : "RUNNING");
}

public sealed record WorldContainer(string Name, string Image)
{
    public string? ImageDigest { get; init; }
}
