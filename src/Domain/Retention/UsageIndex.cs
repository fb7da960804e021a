namespace EcrCurator.Domain;

/// <summary>
/// The digests ECS uses, per repository, with where each is used; and the rollback targets of the task-definition
/// families in use.
/// </summary>
internal sealed class UsageIndex
{
    private static readonly IReadOnlyList<UsageSite> NotUsed = [];

    private readonly Dictionary<string, List<UsageSite>>?[] sitesByDigest;
    private readonly HashSet<string>?[] rollbackTargets;

    private UsageIndex(int repositories)
    {
        sitesByDigest = new Dictionary<string, List<UsageSite>>?[repositories];
        rollbackTargets = new HashSet<string>?[repositories];
    }

    public IReadOnlyList<UsageSite> SitesUsing(int repository, string digest) =>
        sitesByDigest[repository] is { } sites && sites.TryGetValue(digest, out var found) ? found : NotUsed;

    public bool IsRollbackTarget(int repository, string digest) =>
        rollbackTargets[repository]?.Contains(digest) == true;

    public static UsageIndex Build(
        Inventory inventory,
        Dictionary<RepositoryKey, int> positions,
        RepositoryImages[] repositories,
        RetentionPolicy[] policies)
    {
        var index = new UsageIndex(repositories.Length);
        foreach (var use in inventory.Uses)
        {
            if (!ImageReference.TryParseEcr(use.Image, out var reference)
                || !positions.TryGetValue(reference.Repository, out var position))
            {
                continue;
            }

            if (repositories[position].Resolve(reference) is { } digest)
            {
                index.AddUse(position, digest, use.Site);
            }

            if (use.ResolvedDigest is { } resolved && repositories[position].TryFind(resolved, out _))
            {
                index.AddUse(position, resolved, use.Site);
            }
        }

        var deepest = policies.Length == 0 ? 0 : policies.Max(policy => policy.KeepRollbackRevisions);
        if (deepest > 0)
        {
            index.AddRollbackTargets(inventory, positions, repositories, policies, deepest);
        }

        return index;
    }

    private void AddUse(int repository, string digest, UsageSite site)
    {
        var sites = sitesByDigest[repository] ??= new Dictionary<string, List<UsageSite>>(StringComparer.Ordinal);
        if (!sites.TryGetValue(digest, out var list))
        {
            sites[digest] = list = [];
        }

        if (!list.Contains(site))
        {
            list.Add(site);
        }
    }

    /// <summary>
    /// The images referenced by the N highest-numbered ACTIVE revisions of every family that a task or service
    /// uses, in the account-region where it runs; N is the policy's of the repository holding the image.
    /// </summary>
    private void AddRollbackTargets(
        Inventory inventory,
        Dictionary<RepositoryKey, int> positions,
        RepositoryImages[] repositories,
        RetentionPolicy[] policies,
        int deepest)
    {
        var familiesInUse = inventory.Uses
            .Select(use => (use.Site.AccountId, use.Site.Region, use.Site.Family))
            .ToHashSet();
        var revisionsByFamily = inventory.TaskDefinitions
            .Where(definition => definition.IsActive
                                 && familiesInUse.Contains((definition.AccountId, definition.Region, definition.Family)))
            .GroupBy(definition => (definition.AccountId, definition.Region, definition.Family));
        foreach (var family in revisionsByFamily)
        {
            var rank = 0;
            foreach (var revision in family.OrderByDescending(definition => definition.Revision).Take(deepest))
            {
                foreach (var image in revision.Images)
                {
                    if (ImageReference.TryParseEcr(image, out var reference)
                        && positions.TryGetValue(reference.Repository, out var position)
                        && rank < policies[position].KeepRollbackRevisions
                        && repositories[position].Resolve(reference) is { } digest)
                    {
                        (rollbackTargets[position] ??= new HashSet<string>(StringComparer.Ordinal)).Add(digest);
                    }
                }

                rank++;
            }
        }
    }
}
