using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads everything ECS and Lambda run in one account-region; throws unless it could read all of it.</summary>
public interface IUsageReader
{
    /// <param name="rollbackDepth">How many of the newest ACTIVE revisions of each family in use to read (0: none).</param>
    /// <param name="aliases">Whether to list the Lambda aliases pointing at each version (where it runs; they never decide).</param>
    Task<UsageRead> ReadAsync(AccountRegion source, int rollbackDepth, bool aliases, CancellationToken cancellation);
}

public sealed record UsageRead(IReadOnlyList<ImageUse> Uses, IReadOnlyList<TaskDefinitionRecord> TaskDefinitions)
{
    /// <summary>What the read left out by configuration (not a failure), for every snapshot's status to state.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
