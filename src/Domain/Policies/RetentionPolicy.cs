namespace EcrCurator.Domain;

/// <summary>The retention policy in effect for one repository (SPEC 3.6). The defaults are the base policy.</summary>
public sealed record RetentionPolicy
{
    public static RetentionPolicy Default { get; } = new();

    /// <summary>Images pushed more than this many days (of 24 hours) before the repository's newest push are outside the window.</summary>
    public int WindowDays { get; init => field = NotNegative(value); } = 30;

    /// <summary>Whether untagged images are deleted even inside the window (decision step 3).</summary>
    public bool DeleteUntagged { get; init; } = true;

    /// <summary>Keep the newest N top-level images regardless.</summary>
    public int KeepNewest { get; init => field = NotNegative(value); }

    /// <summary>Keep images pulled within this many days of now; 0 or null switches the rule off.</summary>
    public int? KeepPulledWithinDays { get; init => field = value is null ? null : NotNegative(value.Value); }

    /// <summary>Tags matching any of these are always kept.</summary>
    public IReadOnlyList<TagPattern> KeepTagPatterns { get; init; } = [];

    /// <summary>Keep the images of the newest N ACTIVE revisions of every task-definition family in use.</summary>
    public int KeepRollbackRevisions { get; init => field = NotNegative(value); }

    /// <summary>An excluded repository is never curated: every image is kept.</summary>
    public bool Excluded { get; init; }

    public RetentionMode Mode { get; init; } = RetentionMode.Approve;

    /// <summary>Whether a candidate is deleted, or archived (quarantined) and deleted only after <see cref="QuarantineDays"/>.</summary>
    public RetentionAction Action { get; init; } = RetentionAction.Delete;

    /// <summary>
    /// How many days (of 24 hours) an image the product quarantined stays archived before it may be deleted. ECR bills an
    /// archived image for at least 90 days, so a shorter quarantine costs more than deleting at once.
    /// </summary>
    public int QuarantineDays { get; init => field = AtLeastOne(value); } = DefaultQuarantineDays;

    public const int DefaultQuarantineDays = 90;

    /// <summary>When an image the product archived at <paramref name="archivedAt"/> may be proposed for deletion (<c>quarantine-expired</c>).</summary>
    public DateTimeOffset QuarantineEndsAt(DateTimeOffset archivedAt) => archivedAt.AddDays(QuarantineDays);

    /// <summary>AutoRun deletes only what the owning team was told of at least this many hours before; 0: no notice.</summary>
    public int NoticeHours { get; init => field = NotNegative(value); }

    /// <summary>This policy with the fields the override sets replaced.</summary>
    public RetentionPolicy With(PolicyOverride change) => new()
    {
        WindowDays = change.WindowDays ?? WindowDays,
        DeleteUntagged = change.DeleteUntagged ?? DeleteUntagged,
        KeepNewest = change.KeepNewest ?? KeepNewest,
        KeepPulledWithinDays = change.KeepPulledWithinDays ?? KeepPulledWithinDays,
        KeepTagPatterns = change.KeepTagPatterns ?? KeepTagPatterns,
        KeepRollbackRevisions = change.KeepRollbackRevisions ?? KeepRollbackRevisions,
        Excluded = change.Excluded ?? Excluded,
        Mode = change.Mode ?? Mode,
        Action = change.Action ?? Action,
        QuarantineDays = change.QuarantineDays ?? QuarantineDays,
        NoticeHours = change.NoticeHours ?? NoticeHours,
    };

    internal static int AtLeastOne(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");

    internal static int NotNegative(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} cannot be negative.");
}
