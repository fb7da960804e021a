namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// A retention policy kept in the database: the default (no team, no repository), a team's, or a repository's
/// (optionally narrowed to an account and region). Null fields inherit; these override the configuration's
/// policies field by field at each level.
/// </summary>
public sealed class PolicyRow
{
    public long Id { get; set; }

    /// <summary><c>Default</c>, <c>Team</c> or <c>Repository</c>.</summary>
    public required string Scope { get; set; }

    public string? Team { get; set; }

    public string? Repository { get; set; }

    public string? AccountId { get; set; }

    public string? Region { get; set; }

    public int? WindowDays { get; set; }

    public bool? DeleteUntagged { get; set; }

    public int? KeepNewest { get; set; }

    public int? KeepPulledWithinDays { get; set; }

    public string[]? KeepTagPatterns { get; set; }

    public int? KeepRollbackRevisions { get; set; }

    public bool? Excluded { get; set; }

    public string? Mode { get; set; }

    /// <summary><c>Delete</c> or <c>Quarantine</c>.</summary>
    public string? Action { get; set; }

    public int? QuarantineDays { get; set; }

    public int? NoticeHours { get; set; }

    public string UpdatedBy { get; set; } = "system";

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
