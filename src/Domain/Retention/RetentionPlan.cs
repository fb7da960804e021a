namespace EcrCurator.Domain;

/// <summary>
/// The engine's output: a plan per repository, ordered by account, region and name. An incomplete plan (usage
/// could not be read completely) decides nothing for deletion.
/// </summary>
public sealed record RetentionPlan(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<RepositoryPlan> Repositories,
    IReadOnlyList<string> IncompleteReasons)
{
    public bool IsComplete => IncompleteReasons.Count == 0;
}
