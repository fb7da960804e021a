namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>
/// A token that automation presents to the API: only the SHA-256 of its secret is kept, so it is shown once, when it
/// is created. Its scopes say what it may do, its teams (none: every team) which repositories it may see and change.
/// </summary>
public sealed class ApiTokenRow
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required byte[] SecretHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public string[] Teams { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
