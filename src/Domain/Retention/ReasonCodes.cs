namespace EcrCurator.Domain;

/// <summary>The reason codes as they appear in the UI and in every output.</summary>
public static class ReasonCodes
{
    private static readonly (Reasons Reason, string Code)[] Sorted =
    [
        .. new (Reasons, string)[]
        {
            (Reasons.Untagged, "untagged"),
            (Reasons.OutsideWindow, "outside-window"),
            (Reasons.InWindow, "in-window"),
            (Reasons.InUse, "in-use"),
            (Reasons.Pinned, "pinned"),
            (Reasons.IndexChild, "index-child"),
            (Reasons.AttachedArtifact, "attached-artifact"),
            (Reasons.KeepNewest, "keep-newest"),
            (Reasons.RecentlyPulled, "recently-pulled"),
            (Reasons.KeptTagPattern, "kept-tag-pattern"),
            (Reasons.RollbackTarget, "rollback-target"),
            (Reasons.Excluded, "excluded"),
            (Reasons.Unverified, "unverified"),
            (Reasons.QuarantineExpired, "quarantine-expired"),
        }.OrderBy(pair => pair.Item2, StringComparer.Ordinal),
    ];

    public static string Code(Reasons reason) =>
        Array.Find(Sorted, pair => pair.Reason == reason).Code
        ?? throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a single reason.");

    /// <summary>The codes of every reason in the set, sorted.</summary>
    public static IReadOnlyList<string> Codes(Reasons reasons) =>
        [.. Sorted.Where(pair => reasons.HasFlag(pair.Reason)).Select(pair => pair.Code)];

    public static Reasons Parse(string code) =>
        Array.Find(Sorted, pair => pair.Code == code) is { Code: not null } found
            ? found.Reason
            : throw new FormatException($"'{code}' is not a reason code.");
}
