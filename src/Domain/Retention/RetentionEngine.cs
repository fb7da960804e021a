namespace EcrCurator.Domain;

/// <summary>Decides, for every image of every curated repository, keep or delete, and why (SPEC section 3).</summary>
public static class RetentionEngine
{
    /// <summary>The whole inventory at once: a plan per repository, ordered by account, region and name.</summary>
    /// <param name="quarantined">The images the product archived and has not restored (none when not given).</param>
    public static RetentionPlan Evaluate(
        Inventory inventory,
        PolicySet policies,
        IReadOnlyCollection<Pin> pins,
        DateTimeOffset now,
        IReadOnlyCollection<QuarantinedImage>? quarantined = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var repositories = inventory.Repositories
            .OrderBy(repository => repository.Key.AccountId, StringComparer.Ordinal)
            .ThenBy(repository => repository.Key.Region, StringComparer.Ordinal)
            .ThenBy(repository => repository.Key.Name, StringComparer.Ordinal)
            .ToArray();
        var run = Prepare(
            [.. repositories.Select(repository => new RepositoryHeading(repository.Key, repository.Team))],
            inventory.Uses, inventory.TaskDefinitions, inventory.IncompleteReasons, policies, pins, now, quarantined);

        var plans = new RepositoryPlan[repositories.Length];
        Parallel.For(0, repositories.Length, i => plans[i] = run.Evaluate(repositories[i]));
        return new RetentionPlan(now, plans, inventory.IncompleteReasons);
    }

    /// <summary>
    /// The engine made ready for an inventory whose images come one repository at a time: everything but the images
    /// (which repositories there are, every use, every task definition) is known up front, and each repository is
    /// then decided on its own, so that a caller never needs every image in memory at once.
    /// </summary>
    /// <param name="incompleteReasons">Why usage could not be read completely; with any, nothing is decided for deletion.</param>
    /// <param name="quarantined">The images the product archived and has not restored (none when not given).</param>
    public static RetentionRun Prepare(
        IReadOnlyList<RepositoryHeading> repositories,
        IReadOnlyList<ImageUse> uses,
        IReadOnlyList<TaskDefinitionRecord> taskDefinitions,
        IReadOnlyList<string> incompleteReasons,
        PolicySet policies,
        IReadOnlyCollection<Pin> pins,
        DateTimeOffset now,
        IReadOnlyCollection<QuarantinedImage>? quarantined = null)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(uses);
        ArgumentNullException.ThrowIfNull(taskDefinitions);
        ArgumentNullException.ThrowIfNull(incompleteReasons);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(pins);

        var positions = new Dictionary<RepositoryKey, int>(repositories.Count);
        for (var i = 0; i < repositories.Count; i++)
        {
            if (!positions.TryAdd(repositories[i].Key, i))
            {
                throw new ArgumentException($"The inventory lists repository {repositories[i].Key} twice.", nameof(repositories));
            }
        }

        var effective = repositories.Select(repository => policies.For(repository.Key, repository.Team)).ToArray();
        var usage = UsageIndex.Build(uses, taskDefinitions, positions, effective);
        var pinned = pins
            .Where(pin => pin.IsActiveAt(now))
            .ToLookup(pin => pin.Repository, pin => pin.Digest);
        var quarantines = (quarantined ?? []).ToLookup(quarantine => quarantine.Repository);
        return new RetentionRun(repositories, positions, effective, usage, pinned, quarantines, incompleteReasons.Count == 0, now);
    }
}

/// <summary>A curated repository as the engine needs to know it before its images: its key and its team.</summary>
public readonly record struct RepositoryHeading(RepositoryKey Key, string Team);
