using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Plan;

/// <summary>A repository's lifecycle findings as lines of the plan's table, one per finding (SPEC 12).</summary>
public static class LifecycleLines
{
    public static IEnumerable<string> Of(LifecycleReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review.Unreadable is { } unreadable)
        {
            yield return $"LIFECYCLE policy unreadable: {unreadable}";
        }

        if (review.NotUnderstood is { } what)
        {
            yield return $"LIFECYCLE policy not understood, so not evaluated: {what}";
        }

        foreach (var finding in review.Findings)
        {
            var digest = finding.Digest[..Math.Min(19, finding.Digest.Length)];
            yield return finding.IsDanger
                ? $"{LifecycleFinding.DangerCode}  rule {finding.Rule} would {finding.ActionCode} {digest}, which is kept: {string.Join(" ", finding.DangerCodes)}"
                  + (finding.UsedBy.Count > 0 ? $" ({string.Join(", ", finding.UsedBy.Select(site => site.ToString()).Order(StringComparer.Ordinal))})" : "")
                : $"lifecycle  rule {finding.Rule} would {finding.ActionCode} {digest}, which is also proposed for deletion";
        }
    }
}
