namespace EcrCurator.Domain;

/// <summary>
/// The fields of a retention policy that one level (the default, a team, a repository) sets; null leaves the
/// inherited value. A list that is set replaces the inherited list.
/// </summary>
public sealed record PolicyOverride
{
    public static PolicyOverride None { get; } = new();

    public int? WindowDays { get; init => field = value is null ? null : RetentionPolicy.NotNegative(value.Value); }

    public bool? DeleteUntagged { get; init; }

    public int? KeepNewest { get; init => field = value is null ? null : RetentionPolicy.NotNegative(value.Value); }

    public int? KeepPulledWithinDays { get; init => field = value is null ? null : RetentionPolicy.NotNegative(value.Value); }

    public IReadOnlyList<TagPattern>? KeepTagPatterns { get; init; }

    public int? KeepRollbackRevisions { get; init => field = value is null ? null : RetentionPolicy.NotNegative(value.Value); }

    public bool? Excluded { get; init; }

    public RetentionMode? Mode { get; init; }

    public RetentionAction? Action { get; init; }

    public int? QuarantineDays { get; init => field = value is null ? null : RetentionPolicy.AtLeastOne(value.Value); }

    public int? NoticeHours { get; init => field = value is null ? null : RetentionPolicy.NotNegative(value.Value); }
}
