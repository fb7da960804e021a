namespace EcrCurator.Worlds;

/// <summary>
/// The state of some AWS accounts as ECR, ECS and Lambda would report it: the input of the AWS simulator, the demo and
/// the tests. The format is described in docs/world-format.md.
/// </summary>
public sealed record World
{
    public required IReadOnlyList<WorldAccount> Accounts { get; init; }
}

/// <summary>One account in one region.</summary>
public sealed record WorldAccount
{
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public IReadOnlyList<WorldRepository> Repositories { get; init; } = [];

    public IReadOnlyList<WorldTaskDefinition> TaskDefinitions { get; init; } = [];

    public IReadOnlyList<WorldCluster> Clusters { get; init; } = [];

    public IReadOnlyList<WorldLambdaFunction> LambdaFunctions { get; init; } = [];
}
