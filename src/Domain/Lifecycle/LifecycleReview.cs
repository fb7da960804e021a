namespace EcrCurator.Domain;

/// <summary>
/// What a repository's lifecycle policy would do to its images as the snapshot saw them, set against the product's
/// decisions: its findings, or why there are none (no policy, a policy that could not be read or is not understood).
/// </summary>
public sealed record LifecycleReview
{
    public static LifecycleReview None { get; } = new();

    /// <summary>The policy's JSON text as ECR stores it; null when the repository has none or it could not be read.</summary>
    public string? PolicyText { get; init; }

    /// <summary>The policy understood; null when there is none or it is not understood.</summary>
    public LifecyclePolicy? Policy { get; init; }

    /// <summary>What in the policy is not understood; then nothing is evaluated (never a guess).</summary>
    public string? NotUnderstood { get; init; }

    /// <summary>Why the policy could not be read.</summary>
    public string? Unreadable { get; init; }

    /// <summary>Ordered by rule priority, then digest.</summary>
    public IReadOnlyList<LifecycleFinding> Findings { get; init; } = [];

    public int Dangers => Findings.Count(finding => finding.IsDanger);

    /// <summary>
    /// The review of <paramref name="repository"/>'s policy over its images at <paramref name="now"/>, given the product's
    /// decision on each image, in the order of the repository's images.
    /// </summary>
    internal static LifecycleReview Of(RepositoryRecord repository, ImageDecision[] decisions, DateTimeOffset now, LifecyclePolicyTexts policies)
    {
        if (repository.LifecyclePolicyUnreadable is { } unreadable)
        {
            return new LifecycleReview { Unreadable = unreadable };
        }

        if (repository.LifecyclePolicy is not { } text)
        {
            return None;
        }

        var (policy, notUnderstood) = policies.Of(text);
        if (policy is null)
        {
            return new LifecycleReview { PolicyText = text, NotUnderstood = notUnderstood };
        }

        var findings = new List<LifecycleFinding>();
        foreach (var mark in LifecycleEvaluator.Evaluate(policy, repository.Images, now))
        {
            var decision = decisions[mark.Position];
            var danger = decision.Reasons & LifecycleFinding.Safety;
            if (danger != Reasons.None || decision.IsCandidate)
            {
                findings.Add(new LifecycleFinding(mark.Rule, mark.Image.Digest, mark.Action, danger, decision.UsedBy));
            }
        }

        findings.Sort((a, b) => a.Rule != b.Rule ? a.Rule.CompareTo(b.Rule) : string.CompareOrdinal(a.Digest, b.Digest));
        return new LifecycleReview { PolicyText = text, Policy = policy, Findings = findings };
    }
}
