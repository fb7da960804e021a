using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>What a batch is sent as: deletions as one BatchDeleteImage, quarantines as one UpdateImageStorageClass per image.</summary>
public sealed class BatchCalls(BatchDeletion deletion, BatchArchive archive)
{
    /// <param name="batch">Candidates of one action (the execution never mixes them in a batch).</param>
    public async Task<BatchOutcomes> SendAsync(IReadOnlyList<ProposalCandidateRow> batch, bool dryRun, CancellationToken cancellation) =>
        batch is [{ IsQuarantine: true }, ..]
            ? await archive.ArchiveAsync(batch, dryRun, cancellation)
            : new BatchOutcomes(await deletion.DeleteAsync(batch, dryRun, cancellation));
}
