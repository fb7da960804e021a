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

    public RetentionPolicy For(RepositoryKey repository, string team)
    {
        var policy = RetentionPolicy.Default.With(Default);
        foreach (var teamPolicy in Teams)
        {
            if (teamPolicy.Team == team)
            {
                policy = policy.With(teamPolicy.Override);
            }
        }

        foreach (var repositoryPolicy in Repositories)
        {
            if (repositoryPolicy.Matches(repository))
            {
                policy = policy.With(repositoryPolicy.Override);
            }
        }

        return policy;
    }
}
