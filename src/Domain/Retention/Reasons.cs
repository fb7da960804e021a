namespace EcrCurator.Domain;

/// <summary>Every reason code that applies to an image, not only the deciding one.</summary>
[Flags]
public enum Reasons
{
    None = 0,
    Untagged = 1 << 0,
    OutsideWindow = 1 << 1,
    InWindow = 1 << 2,
    InUse = 1 << 3,
    Pinned = 1 << 4,
    IndexChild = 1 << 5,
    AttachedArtifact = 1 << 6,
    KeepNewest = 1 << 7,
    RecentlyPulled = 1 << 8,
    KeptTagPattern = 1 << 9,
    RollbackTarget = 1 << 10,
    Excluded = 1 << 11,

    /// <summary>Kept only because usage could not be read completely: complete, it would have been deleted.</summary>
    Unverified = 1 << 12,

    /// <summary>Quarantined by the product, still archived, and for longer than the policy's <c>QuarantineDays</c>: a delete reason.</summary>
    QuarantineExpired = 1 << 13,

    /// <summary>The reasons of decision step 2: any of them keeps an image.</summary>
    Protecting = InUse | Pinned | IndexChild | AttachedArtifact | KeepNewest | RecentlyPulled | KeptTagPattern | RollbackTarget,
}
