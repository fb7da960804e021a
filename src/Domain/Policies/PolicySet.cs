namespace EcrCurator.Domain;

/// <summary>
/// Policies per team and per repository over a global default. A team's policy overrides the fields it sets;
/// every matching repository policy then applies in order, a later one overriding the fields it sets.
/// </summary>
public sealed record PolicySet(
    PolicyOverride Default,
    IReadOnlyList<TeamPolicy> Teams,
    IReadOnlyList<RepositoryPolicy> Repositories)
{
    public static PolicySet BasePolicy { get; } = new(PolicyOverride.None, [], []);

    /// <summary>The most rollback revisions any repository can keep: how deep task-definition families must be read.</summary>
    public int DeepestRollback =>
        new[] { RetentionPolicy.Default.With(Default).KeepRollbackRevisions }
            .Concat(Teams.Select(team => team.Override.KeepRollbackRevisions ?? 0))
            .Concat(Repositories.Select(repository => repository.Override.KeepRollbackRevisions ?? 0))
            .Max();

    public RetentionPolicy For(RepositoryKey repository, string team) =>
        LayersFor(repository, team).Aggregate(RetentionPolicy.Default, (policy, layer) => policy.With(layer.Override));

    /// <summary>
    /// The overrides that apply to a repository, in the order they apply: the default, the team's policies, then every
    /// matching repository policy.
    /// </summary>
    public IEnumerable<(PolicyLevel Level, PolicyOverride Override)> LayersFor(RepositoryKey repository, string team) =>
    [
        (PolicyLevel.Default, Default),
        .. Teams.Where(policy => policy.Team == team).Select(policy => (PolicyLevel.Team, policy.Override)),
        .. Repositories.Where(policy => policy.Matches(repository)).Select(policy => (PolicyLevel.Repository, policy.Override)),
    ];
}
