namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>An image a person pinned: never deleted until unpinned or expired.</summary>
public sealed class PinRow
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public required string Region { get; set; }

    public required string Repository { get; set; }

    public required string Digest { get; set; }

    public required string Actor { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public uint Version { get; set; }
}
