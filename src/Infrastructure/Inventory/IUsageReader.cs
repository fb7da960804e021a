using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads everything ECS and Lambda run in one account-region; throws unless it could read all of it.</summary>
public interface IUsageReader
{
    /// <param name="rollbackDepth">How many of the newest ACTIVE revisions of each family in use to read (0: none).</param>
    Task<UsageRead> ReadAsync(AccountRegion source, int rollbackDepth, CancellationToken cancellation);
}

public sealed record UsageRead(IReadOnlyList<ImageUse> Uses, IReadOnlyList<TaskDefinitionRecord> TaskDefinitions)
{
    /// <summary>What the read left out by configuration (not a failure), for every snapshot's status to state.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
