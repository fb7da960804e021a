namespace EcrCurator.Domain;

/// <summary>An image the product archived (quarantined) and has not restored since.</summary>
public sealed record QuarantinedImage(RepositoryKey Repository, string Digest, DateTimeOffset ArchivedAt);
