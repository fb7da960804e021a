namespace EcrCurator.Domain;

/// <summary>What the engine decided for one image, every reason that applies, and where ECS or Lambda uses it.</summary>
public sealed record ImageDecision(ImageRecord Image, Decision Decision, Reasons Reasons, IReadOnlyList<UsageSite> UsedBy)
{
    public bool IsCandidate => Decision == Decision.Delete;

    /// <summary>An index child or an artifact attached to another image of the repository: not a top-level image (SPEC 3.4, 3.5).</summary>
    public bool IsDependent { get; init; }

    /// <summary>For a candidate, what its execution does: delete it, or archive it (quarantine).</summary>
    public RetentionAction Action { get; init; }

    public IReadOnlyList<string> ReasonCodes => EcrCurator.Domain.ReasonCodes.Codes(Reasons);
}
