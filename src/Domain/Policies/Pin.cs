namespace EcrCurator.Domain;

/// <summary>An image a person pinned: kept until the pin is removed or expires.</summary>
public sealed record Pin(RepositoryKey Repository, string Digest, DateTimeOffset? ExpiresAt = null)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
