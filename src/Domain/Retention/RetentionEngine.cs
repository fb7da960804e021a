namespace EcrCurator.Domain;

/// <summary>Decides, for every image of every curated repository, keep or delete, and why (SPEC section 3).</summary>
public static class RetentionEngine
{
    public static RetentionPlan Evaluate(
        Inventory inventory,
        PolicySet policies,
        IReadOnlyCollection<Pin> pins,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(pins);

        var repositories = inventory.Repositories
            .OrderBy(repository => repository.Key.AccountId, StringComparer.Ordinal)
            .ThenBy(repository => repository.Key.Region, StringComparer.Ordinal)
            .ThenBy(repository => repository.Key.Name, StringComparer.Ordinal)
            .ToArray();
        var positions = new Dictionary<RepositoryKey, int>(repositories.Length);
        for (var i = 0; i < repositories.Length; i++)
        {
            if (!positions.TryAdd(repositories[i].Key, i))
            {
                throw new ArgumentException($"The inventory lists repository {repositories[i].Key} twice.", nameof(inventory));
            }
        }

        var effective = Array.ConvertAll(repositories, repository => policies.For(repository.Key, repository.Team));
        var usage = UsageIndex.Build(inventory, positions, effective);
        var pinned = pins
            .Where(pin => pin.IsActiveAt(now))
            .ToLookup(pin => pin.Repository, pin => pin.Digest);

        var plans = new RepositoryPlan[repositories.Length];
        Parallel.For(0, repositories.Length, i =>
        {
            var pinnedHere = new HashSet<string>(pinned[repositories[i].Key], DigestComparer.Instance);
            var evaluation = new RepositoryEvaluation(repositories[i], effective[i], usage.For(i), pinnedHere, now);
            plans[i] = evaluation.Evaluate(inventory.IsComplete);
        });

        return new RetentionPlan(now, plans, inventory.IncompleteReasons);
    }
}
