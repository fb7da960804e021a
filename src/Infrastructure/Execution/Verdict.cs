using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// A candidate against the live decision: deleted (or archived) only if still present with the same tags, not in use,
/// not pinned, and still decided delete; else the first of those that fails names the outcome. A candidate to
/// quarantine found archived already needs nothing more (<c>archived</c>), one being restored has changed; a deletion
/// is sent only while the live decision still deletes it (never an image that came back from its quarantine).
/// </summary>
public static class Verdict
{
    /// <returns>The outcome that ends the candidate without a call, or null when it is to be deleted or archived.</returns>
    public static string? Of(ProposalCandidateRow candidate, RepositoryPlan live)
    {
        var now = live.Images.FirstOrDefault(image => image.Image.Digest == candidate.Digest);
        return now switch
        {
            null => Outcomes.AlreadyGone,
            _ when !now.Image.Tags.Order(StringComparer.Ordinal).SequenceEqual(candidate.Tags.Order(StringComparer.Ordinal)) => Outcomes.SkippedChanged,
            { Reasons: var reasons } when reasons.HasFlag(Reasons.InUse) => Outcomes.SkippedInUse,
            { Reasons: var reasons } when reasons.HasFlag(Reasons.Pinned) => Outcomes.SkippedPinned,
            { Reasons: var reasons } when candidate.IsQuarantine && now.Image.Status != ImageStatus.Active && (reasons & (Reasons.Excluded | Reasons.Protecting)) != 0 => Outcomes.SkippedKept,
            _ when candidate.IsQuarantine && now.Image.Status == ImageStatus.Archived => Outcomes.Archived,
            _ when candidate.IsQuarantine && now.Image.Status == ImageStatus.Activating => Outcomes.SkippedChanged,
            { Decision: Decision.Keep } => Outcomes.SkippedKept,
            { Action: RetentionAction.Quarantine } when !candidate.IsQuarantine => Outcomes.SkippedChanged,
            _ => null,
        };
    }
}
