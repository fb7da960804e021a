using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// A candidate against the live decision: deleted only if still present with the same tags, not in use, not pinned,
/// and still decided delete; else the first of those that fails names the outcome.
/// </summary>
public static class Verdict
{
    /// <returns>The outcome that ends the candidate without a delete call, or null when it is to be deleted.</returns>
    public static string? Of(ProposalCandidateRow candidate, RepositoryPlan live)
    {
        var now = live.Images.FirstOrDefault(image => image.Image.Digest == candidate.Digest);
        return now switch
        {
            null => Outcomes.AlreadyGone,
            _ when !now.Image.Tags.Order(StringComparer.Ordinal).SequenceEqual(candidate.Tags.Order(StringComparer.Ordinal)) => Outcomes.SkippedChanged,
            { Reasons: var reasons } when reasons.HasFlag(Reasons.InUse) => Outcomes.SkippedInUse,
            { Reasons: var reasons } when reasons.HasFlag(Reasons.Pinned) => Outcomes.SkippedPinned,
            { Decision: Decision.Keep } => Outcomes.SkippedKept,
            _ => null,
        };
    }
}
