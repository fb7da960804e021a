namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// What the world generator makes. The same settings always make the same world. <see cref="ImagesPerRepository"/>
/// counts pushes: a multi-architecture push adds an index and two children, a signed push adds a signature artifact.
/// </summary>
public sealed record GeneratorSettings
{
    public int Seed { get; init; } = 1;

    public int Teams { get; init; } = 4;

    public int Repositories { get; init; } = 40;

    public int ImagesPerRepository { get; init; } = 12;

    /// <summary>
    /// Pushes of one more, large repository (<see cref="LargeRepositoryName"/>) in the registry account; 0 for none. It
    /// has its own draws (seed + 1), so the rest of the world is the same with or without it, and no service runs it.
    /// </summary>
    public int LargeRepositoryImages { get; init; }

    public string LargeRepositoryName { get; init; } = "care/app-big";

    /// <summary>Share of pushes that are multi-architecture (an index with two child manifests).</summary>
    public double MultiArchShare { get; init; } = 0.1;

    /// <summary>Share of pushes that carry a signature artifact (OCI subject, or a cosign <c>sha256-….sig</c> tag).</summary>
    public double SignatureShare { get; init; } = 0.1;

    /// <summary>Share of pushes left untagged (the newest push of a repository is always tagged).</summary>
    public double UntaggedShare { get; init; } = 0.2;

    /// <summary>Share of repositories with an ECR lifecycle policy (of a few common kinds).</summary>
    public double LifecyclePolicyShare { get; init; } = 0.3;

    public int Clusters { get; init; } = 2;

    /// <summary>How many repositories have an ECS service running one of their images (at most one service per repository).</summary>
    public int Services { get; init; } = 30;

    public int TasksPerService { get; init; } = 2;

    /// <summary>Share of services that run in the workload account, pulling from the registry account.</summary>
    public double CrossAccountShare { get; init; } = 0.1;

    /// <summary>
    /// Share of repositories whose releases a Lambda function runs (several versions and aliases; a tenth of them in the
    /// workload account when <see cref="CrossAccountShare"/> says so), drawn on their own so the rest of the world is the same.
    /// </summary>
    public double LambdaShare { get; init; } = 0.1;

    /// <summary>Share of repositories that get a new push (and their services a new deployment) each simulated day.</summary>
    public double DailyChangeRate { get; init; } = 0.05;

    public string RegistryAccount { get; init; } = "111111111111";

    public string WorkloadAccount { get; init; } = "222222222222";

    public string Region { get; init; } = "ap-northeast-1";

    /// <summary>The newest push of the generated world; pushes spread over <see cref="HistoryDays"/> before it.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public int HistoryDays { get; init; } = 180;

    /// <summary>The problems with these settings, if any.</summary>
    public IEnumerable<string> Problems()
    {
        if (Teams < 1 || Repositories < 0 || ImagesPerRepository < 1 || LargeRepositoryImages < 0 || Clusters < 1 || Services < 0 || TasksPerService < 0 || HistoryDays < 1)
        {
            yield return "teams, images per repository, clusters and history days must be at least 1; counts cannot be negative";
        }

        if (new[] { MultiArchShare, SignatureShare, UntaggedShare, CrossAccountShare, DailyChangeRate, LambdaShare, LifecyclePolicyShare }.Any(share => share is < 0 or > 1))
        {
            yield return "shares and the daily change rate are between 0 and 1";
        }

        if (new[] { RegistryAccount, WorkloadAccount }.Any(account => account.Length != 12 || !account.All(char.IsAsciiDigit)) || RegistryAccount == WorkloadAccount)
        {
            yield return "the registry and workload accounts are two different 12-digit ids";
        }

        if (LargeRepositoryImages > 0 && Teams >= 1 && (!LargeRepositoryName.Contains('/', StringComparison.Ordinal)
            || Enumerable.Range(0, Repositories).Any(r => WorldGenerator.RepositoryName(this, r) == LargeRepositoryName)))
        {
            yield return "the large repository's name is TEAM/NAME and not one of the generated repositories' names";
        }
    }
}
