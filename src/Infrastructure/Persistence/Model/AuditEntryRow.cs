namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>One entry of the append-only audit log: the database refuses to change or delete it.</summary>
public sealed class AuditEntryRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A user, or <c>system</c>.</summary>
    public required string Actor { get; set; }

    public required string Action { get; set; }

    /// <summary>What it acted on: <c>account/region/repository[@digest]</c>, a proposal, a snapshot, a setting.</summary>
    public required string Target { get; set; }

    public string? Team { get; set; }

    /// <summary>Everything else, as JSON.</summary>
    public required string Details { get; set; }
}
