namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// One entry of the append-only audit log: the database refuses to change or delete it, and chains it to the entry
/// before (<see cref="PreviousHash"/>, <see cref="Hash"/>: see docs/security.md).
/// </summary>
public sealed class AuditEntryRow
{
    /// <summary>The entry's place in the chain: the database gives it, in the order entries are chained.</summary>
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A person's name, or a name of automation (<see cref="Actors"/>).</summary>
    public required string Actor { get; set; }

    /// <summary><c>person</c> or <c>automation</c> (<see cref="Persistence.ActorKind"/>).</summary>
    public required string ActorKind { get; set; }

    public required string Action { get; set; }

    /// <summary>What it acted on: <c>account/region/repository[@digest]</c>, a proposal, a snapshot, a setting.</summary>
    public required string Target { get; set; }

    public string? Team { get; set; }

    /// <summary>Everything else, as JSON.</summary>
    public required string Details { get; set; }

    /// <summary>The hash of the entry before it (64 zeros for the first); set by the database as it inserts the entry.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of this entry's canonical encoding (docs/security.md); set by the database as it inserts the entry.</summary>
    public string? Hash { get; set; }
}
