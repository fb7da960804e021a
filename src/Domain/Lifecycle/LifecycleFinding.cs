namespace EcrCurator.Domain;

/// <summary>
/// An image a repository's lifecycle policy would expire or archive: a <c>lifecycle-danger</c> when the product keeps it
/// for safety (<see cref="Danger"/>), otherwise information about an image the product also proposes to delete.
/// </summary>
/// <param name="Rule">The priority of the rule that acts on it.</param>
/// <param name="Danger">Why the product keeps it for safety; none for information.</param>
/// <param name="UsedBy">Where ECS uses it.</param>
public sealed record LifecycleFinding(int Rule, string Digest, LifecycleAction Action, Reasons Danger, IReadOnlyList<UsageSite> UsedBy)
{
    /// <summary>The keep reasons that make an image's removal dangerous: what the product keeps for safety.</summary>
    public const Reasons Safety = Reasons.InUse | Reasons.Pinned | Reasons.IndexChild | Reasons.AttachedArtifact | Reasons.RollbackTarget;

    public const string DangerCode = "lifecycle-danger";

    public bool IsDanger => Danger != Reasons.None;

    /// <summary>The danger's reason codes, sorted; empty for information.</summary>
    public IReadOnlyList<string> DangerCodes => ReasonCodes.Codes(Danger);

    /// <summary><c>expire</c> or <c>transition</c>, as the policy says it.</summary>
    public string ActionCode => Code(Action);

    public static string Code(LifecycleAction action) => action == LifecycleAction.Expire ? "expire" : "transition";
}
