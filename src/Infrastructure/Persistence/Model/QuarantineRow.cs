namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// An image the product quarantined (archived instead of deleting it), and what became of it: restored by a person,
/// or deleted once its quarantine was over. While neither, it counts towards <c>quarantine-expired</c>.
/// </summary>
public sealed class QuarantineRow
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public required string Repository { get; set; }

    public required string Digest { get; set; }

    public string[] Tags { get; set; } = [];

    public long SizeBytes { get; set; }

    /// <summary>The proposal whose execution archived it.</summary>
    public long ProposalId { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }

    public required string ArchivedBy { get; set; }

    /// <summary>When a person asked for it back, and who.</summary>
    public DateTimeOffset? RestoreRequestedAt { get; set; }

    public string? RestoredBy { get; set; }

    /// <summary>When ECR reported it ACTIVE again.</summary>
    public DateTimeOffset? RestoredAt { get; set; }

    /// <summary>When it was deleted after its quarantine (or found gone).</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsOpen => RestoreRequestedAt is null && DeletedAt is null;
}
