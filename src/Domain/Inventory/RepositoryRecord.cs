namespace EcrCurator.Domain;

/// <summary>A curated repository with the team it belongs to and all its images (archived ones too).</summary>
public sealed record RepositoryRecord
{
    public RepositoryRecord(RepositoryKey key, string team, IReadOnlyList<ImageRecord> images)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.AccountId);
        ArgumentException.ThrowIfNullOrEmpty(key.Region);
        ArgumentException.ThrowIfNullOrEmpty(key.Name);
        ArgumentException.ThrowIfNullOrEmpty(team);
        ArgumentNullException.ThrowIfNull(images);
        Key = key;
        Team = team;
        Images = images;
    }

    public RepositoryKey Key { get; }

    public string Team { get; }

    public IReadOnlyList<ImageRecord> Images { get; }
}
