namespace EcrCurator.Domain;

/// <summary>
/// A repository's policy: overrides the team's for repositories of this name, optionally narrowed to one
/// account and region.
/// </summary>
public sealed record RepositoryPolicy(string Repository, PolicyOverride Override)
{
    public string? AccountId { get; init; }

    public string? Region { get; init; }

    public bool Matches(RepositoryKey key) =>
        key.Name == Repository
        && (AccountId is null || key.AccountId == AccountId)
        && (Region is null || key.Region == Region);
}
