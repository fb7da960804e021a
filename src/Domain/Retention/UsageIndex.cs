namespace EcrCurator.Domain;

/// <summary>What ECS uses of each curated repository, by the repository's position in the plan.</summary>
internal sealed class UsageIndex
{
    private readonly RepositoryUsage?[] byRepository;

    private UsageIndex(int repositories) => byRepository = new RepositoryUsage?[repositories];

    public RepositoryUsage? For(int repository) => byRepository[repository];

    public static UsageIndex Build(
        IReadOnlyList<ImageUse> uses, IReadOnlyList<TaskDefinitionRecord> taskDefinitions, Dictionary<RepositoryKey, int> positions, RetentionPolicy[] policies)
    {
        var index = new UsageIndex(positions.Count);

        // Parse every reference in parallel, then build each repository's usage from its own uses in parallel.
        var references = new ImageReference?[uses.Count];
        var named = new int[uses.Count];
        Parallel.For(0, uses.Count, i =>
        {
            named[i] = ImageReference.TryParseEcr(uses[i].Image, out var reference) && positions.TryGetValue(reference.Repository, out var position) ? position : -1;
            references[i] = reference;
        });
        var usesOf = Enumerable.Range(0, uses.Count).Where(i => named[i] >= 0).GroupBy(i => named[i]).ToArray();
        Parallel.ForEach(usesOf, group =>
        {
            var usage = index.byRepository[group.Key] = new RepositoryUsage();
            foreach (var i in group)
            {
                usage.Add(references[i]!, uses[i].Site);
                if (uses[i].ResolvedDigest is { } resolved)
                {
                    usage.AddDigest(resolved, uses[i].Site);
                }
            }
        });

        var deepest = policies.Length == 0 ? 0 : policies.Max(policy => policy.KeepRollbackRevisions);
        if (deepest > 0)
        {
            index.AddRollbackTargets(uses, taskDefinitions, positions, policies, deepest);
        }

        return index;
    }

    /// <summary>
    /// The images referenced by the N highest-numbered ACTIVE revisions of every family that a task or service
    /// uses, in the account-region where it runs; N is the policy's of the repository holding the image.
    /// </summary>
    private void AddRollbackTargets(
        IReadOnlyList<ImageUse> uses, IReadOnlyList<TaskDefinitionRecord> taskDefinitions, Dictionary<RepositoryKey, int> positions, RetentionPolicy[] policies, int deepest)
    {
        var familiesInUse = uses
            .Select(use => use.Site)
            .OfType<EcsSite>()
            .Select(site => (site.AccountId, site.Region, site.Family))
            .ToHashSet();
        var revisionsByFamily = taskDefinitions
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
                    if (UsageOf(image, positions) is var (reference, usage)
                        && rank < policies[positions[reference.Repository]].KeepRollbackRevisions)
                    {
                        usage.AddRollbackTarget(reference);
                    }
                }

                rank++;
            }
        }
    }

    /// <summary>The reference, and the usage of the curated repository it names; null for other registries.</summary>
    private (ImageReference, RepositoryUsage)? UsageOf(string image, Dictionary<RepositoryKey, int> positions) =>
        ImageReference.TryParseEcr(image, out var reference) && positions.TryGetValue(reference.Repository, out var position)
            ? (reference, byRepository[position] ??= new RepositoryUsage())
            : null;
}
