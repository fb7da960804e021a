namespace EcrCurator.Domain;

/// <summary>What the engine decided for one image, every reason that applies, and where ECS uses it.</summary>
public sealed record ImageDecision(ImageRecord Image, Decision Decision, Reasons Reasons, IReadOnlyList<UsageSite> UsedBy)
{
    public bool IsCandidate => Decision == Decision.Delete;

    public IReadOnlyList<string> ReasonCodes => EcrCurator.Domain.ReasonCodes.Codes(Reasons);
}
