namespace EcrCurator.Domain;

/// <summary>
/// The engine prepared by <see cref="RetentionEngine.Prepare"/>: decides one repository at a time, from any thread.
/// </summary>
public sealed class RetentionRun
{
    private readonly IReadOnlyList<RepositoryHeading> repositories;
    private readonly Dictionary<RepositoryKey, int> positions;
    private readonly RetentionPolicy[] policies;
    private readonly UsageIndex usage;
    private readonly ILookup<RepositoryKey, string> pinned;
    private readonly bool usageComplete;
    private readonly DateTimeOffset now;

    /// <summary>Each lifecycle policy text understood once per run: many repositories share one.</summary>
    private readonly LifecyclePolicyTexts lifecyclePolicies = new();

    internal RetentionRun(
        IReadOnlyList<RepositoryHeading> repositories,
        Dictionary<RepositoryKey, int> positions,
        RetentionPolicy[] policies,
        UsageIndex usage,
        ILookup<RepositoryKey, string> pinned,
        bool usageComplete,
        DateTimeOffset now)
    {
        this.repositories = repositories;
        this.positions = positions;
        this.policies = policies;
        this.usage = usage;
        this.pinned = pinned;
        this.usageComplete = usageComplete;
        this.now = now;
    }

    /// <summary>The policy in effect for a repository named when the run was prepared.</summary>
    public RetentionPolicy PolicyFor(RepositoryKey repository) => policies[PositionOf(repository)];

    /// <summary>The decisions for one repository named when the run was prepared, with the team it was named with.</summary>
    public RepositoryPlan Evaluate(RepositoryRecord repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var position = PositionOf(repository.Key);
        if (repositories[position].Team != repository.Team)
        {
            throw new ArgumentException(
                $"Repository {repository.Key} belongs to team {repository.Team}, but the run was prepared for team {repositories[position].Team}.",
                nameof(repository));
        }

        var pinnedHere = new HashSet<string>(pinned[repository.Key], DigestComparer.Instance);
        return new RepositoryEvaluation(repository, policies[position], usage.For(position), pinnedHere, now).Evaluate(usageComplete, lifecyclePolicies);
    }

    private int PositionOf(RepositoryKey repository) =>
        positions.TryGetValue(repository, out var position)
            ? position
            : throw new ArgumentException($"Repository {repository} was not named when the run was prepared.", nameof(repository));
}
