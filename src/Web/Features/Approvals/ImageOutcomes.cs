using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>The outcomes an execution recorded, with each image's tags (the Approvals and History pages show them).</summary>
public static class ImageOutcomes
{
    public static async Task<IReadOnlyList<ImageOutcome>> ReadAsync(CuratorDbContext db, long proposalId, CancellationToken cancellation) =>
        await (from outcome in db.ExecutionOutcomes.AsNoTracking()
               where outcome.ProposalId == proposalId
               join candidate in db.ProposalCandidates on new { outcome.ProposalId, outcome.Digest } equals new { candidate.ProposalId, candidate.Digest }
               orderby outcome.At, outcome.Digest
               select new ImageOutcome(outcome.Digest, candidate.Tags, outcome.Outcome, outcome.Error, outcome.SizeBytes, outcome.At)
               {
                   Quarantine = db.Quarantines
                       .Where(quarantine => quarantine.ProposalId == outcome.ProposalId && quarantine.Digest == outcome.Digest)
                       .OrderByDescending(quarantine => quarantine.Id)
                       .Select(quarantine => quarantine.DeletedAt != null ? QuarantineStates.Deleted
                           : quarantine.RestoredAt != null ? QuarantineStates.Restored
                           : quarantine.RestoreRequestedAt != null ? QuarantineStates.Restoring
                           : QuarantineStates.Quarantined)
                       .FirstOrDefault(),
               })
            .ToListAsync(cancellation);
}
