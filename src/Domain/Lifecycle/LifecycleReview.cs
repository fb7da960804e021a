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
    /// decisions on the same images.
    /// </summary>
    public static LifecycleReview Of(RepositoryRecord repository, IReadOnlyList<ImageDecision> decisions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(decisions);
        if (repository.LifecyclePolicyUnreadable is { } unreadable)
        {
            return new LifecycleReview { Unreadable = unreadable };
        }

        if (repository.LifecyclePolicy is not { } text)
        {
            return None;
        }

        if (!LifecyclePolicy.TryParse(text, out var policy, out var notUnderstood))
        {
            return new LifecycleReview { PolicyText = text, NotUnderstood = notUnderstood };
        }

        var marks = LifecycleEvaluator.Evaluate(policy!, repository.Images, now);
        var byDigest = new Dictionary<string, ImageDecision>(decisions.Count, DigestComparer.Instance);
        foreach (var decision in decisions)
        {
            byDigest.TryAdd(decision.Image.Digest, decision);
        }

        var findings = new List<LifecycleFinding>();
        foreach (var mark in marks)
        {
            if (byDigest.TryGetValue(mark.Image.Digest, out var decision)
                && ((decision.Reasons & LifecycleFinding.Safety) is var danger && danger != Reasons.None || decision.IsCandidate))
            {
                findings.Add(new LifecycleFinding(mark.Rule, mark.Image.Digest, mark.Action, danger, decision.UsedBy));
            }
        }

        findings.Sort((a, b) => a.Rule != b.Rule ? a.Rule.CompareTo(b.Rule) : string.CompareOrdinal(a.Digest, b.Digest));
        return new LifecycleReview { PolicyText = text, Policy = policy, Findings = findings };
    }
}
