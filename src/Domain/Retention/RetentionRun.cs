namespace EcrCurator.Domain;

/// <summary>
/// The engine prepared by <see cref="RetentionEngine.Prepare"/>: decides one repository at a time, from any thread.
/// </summary>
public sealed class RetentionRun
{
    private static readonly IReadOnlySet<string> NoneHeld = new HashSet<string>();

    private readonly IReadOnlyList<RepositoryHeading> repositories;
    private readonly Dictionary<RepositoryKey, int> positions;
    private readonly RetentionPolicy[] policies;
    private readonly UsageIndex usage;
    private readonly ILookup<RepositoryKey, string> pinned;
    private readonly ILookup<RepositoryKey, QuarantinedImage> quarantined;
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
        ILookup<RepositoryKey, QuarantinedImage> quarantined,
        bool usageComplete,
        DateTimeOffset now)
    {
        this.repositories = repositories;
        this.positions = positions;
        this.policies = policies;
        this.usage = usage;
        this.pinned = pinned;
        this.quarantined = quarantined;
        this.usageComplete = usageComplete;
        this.now = now;
    }

    /// <summary>The policy in effect for a repository named when the run was prepared.</summary>
    public RetentionPolicy PolicyFor(RepositoryKey repository) => policies[PositionOf(repository)];

    /// <summary>The decisions for one repository named when the run was prepared, with the team it was named with.</summary>
    public RepositoryPlan Evaluate(RepositoryRecord repository) => Evaluate(repository, NoneHeld);

    /// <summary>
    /// The decisions for one repository with some of its images held: each held digest is kept whatever the rules say
    /// (reason <c>excluded</c>, as an approver's exclusion), and so keeps its index children and attached artifacts.
    /// </summary>
    public RepositoryPlan Evaluate(RepositoryRecord repository, IReadOnlySet<string> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(repository);
        var position = PositionOf(repository.Key);
        if (repositories[position].Team != repository.Team)
        {
            throw new ArgumentException(
                $"Repository {repository.Key} belongs to team {repository.Team}, but the run was prepared for team {repositories[position].Team}.",
                nameof(repository));
        }

        var pinnedHere = new HashSet<string>(pinned[repository.Key], DigestComparer.Instance);
        var quarantinedHere = new Dictionary<string, DateTimeOffset>(DigestComparer.Instance);
        foreach (var quarantine in quarantined[repository.Key])
        {
            // Quarantined more than once (restored and quarantined again): the latest archiving counts.
            quarantinedHere[quarantine.Digest] = quarantinedHere.TryGetValue(quarantine.Digest, out var earlier) && earlier > quarantine.ArchivedAt ? earlier : quarantine.ArchivedAt;
        }

        return new RepositoryEvaluation(repository, policies[position], usage.For(position), pinnedHere, held, now)
        {
            Quarantined = quarantinedHere,
        }.Evaluate(usageComplete, lifecyclePolicies);
    }

    private int PositionOf(RepositoryKey repository) =>
        positions.TryGetValue(repository, out var position)
            ? position
            : throw new ArgumentException($"Repository {repository} was not named when the run was prepared.", nameof(repository));
}
