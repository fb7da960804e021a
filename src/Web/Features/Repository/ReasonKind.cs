using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Repository;

/// <summary>Whether a reason code speaks for keeping an image or for deleting it.</summary>
public enum ReasonKind
{
    Keep,
    Delete,
}

public static class ReasonKinds
{
    private static readonly IReadOnlyList<string> Known =
        ReasonCodes.Codes(Enum.GetValues<Reasons>().Aggregate(Reasons.None, (all, reason) => all | reason));

    private static readonly IReadOnlyList<string> Deleting = ReasonCodes.Codes(Reasons.Untagged | Reasons.OutsideWindow | Reasons.QuarantineExpired);

    /// <summary>The kind of a code of <see cref="ReasonCodes"/>; null for a code this version does not know.</summary>
    public static ReasonKind? Of(string code) =>
        !Known.Contains(code) ? null : Deleting.Contains(code) ? ReasonKind.Delete : ReasonKind.Keep;
}
