using EcrCurator.Domain.Tests.Builders;

namespace EcrCurator.Domain.Tests.Properties;

/// <summary>
/// A generated world with what it protects by construction: the images some use names (by tag, by digest, or by
/// a reported digest) and the images an active pin names. Uses that protect nothing (other registries, digests
/// not present) and expired pins are generated too, but not listed.
/// </summary>
public sealed record RandomWorld(
    Inventory Inventory,
    IReadOnlyList<Pin> Pins,
    PolicySet Policies,
    IReadOnlySet<(RepositoryKey Repository, string Digest)> Used,
    IReadOnlySet<(RepositoryKey Repository, string Digest)> Pinned)
{
    public static RandomWorld Generate(int seed) => new RandomWorldGenerator(seed).Generate();

    public RetentionPlan Evaluate() => RetentionEngine.Evaluate(Inventory, Policies, Pins, Clock.Now);

    /// <summary>The same world with repositories, images, uses, task definitions and pins in another order.</summary>
    public RandomWorld Shuffled(int seed)
    {
        var random = new Random(seed);
        RepositoryRecord[] repositories = [.. Inventory.Repositories.Select(repository =>
            new RepositoryRecord(repository.Key, repository.Team, Shuffle(random, repository.Images)))];
        random.Shuffle(repositories);
        var inventory = new Inventory(repositories, Shuffle(random, Inventory.Uses), Shuffle(random, Inventory.TaskDefinitions))
        {
            IncompleteReasons = Inventory.IncompleteReasons,
        };
        return this with { Inventory = inventory, Pins = Shuffle(random, Pins) };
    }

    public RandomWorld Incomplete(string reason) => this with { Inventory = Inventory with { IncompleteReasons = [reason] } };

    private static T[] Shuffle<T>(Random random, IEnumerable<T> items)
    {
        T[] shuffled = [.. items];
        random.Shuffle(shuffled);
        return shuffled;
    }
}
