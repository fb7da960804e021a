namespace EcrCurator.Domain;

/// <summary>A curated repository with the team it belongs to and all its images (archived ones too), each digest once.</summary>
public sealed record RepositoryRecord
{
    public RepositoryRecord(RepositoryKey key, string team, IReadOnlyList<ImageRecord> images)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.AccountId);
        ArgumentException.ThrowIfNullOrEmpty(key.Region);
        ArgumentException.ThrowIfNullOrEmpty(key.Name);
        ArgumentException.ThrowIfNullOrEmpty(team);
        ArgumentNullException.ThrowIfNull(images);
        var digests = new HashSet<string>(images.Count, DigestComparer.Instance);
        foreach (var image in images)
        {
            if (!digests.Add(image.Digest))
            {
                throw new ArgumentException($"Repository {key} lists image {image.Digest} twice.", nameof(images));
            }
        }

        Key = key;
        Team = team;
        Images = images;
    }

    public RepositoryKey Key { get; }

    public string Team { get; }

    public IReadOnlyList<ImageRecord> Images { get; }

    /// <summary>The repository's resource tags (its team is one of them, or comes from its name).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The repository's ECR lifecycle policy, its JSON text exactly as ECR stores it; null when it has none.</summary>
    public string? LifecyclePolicy { get; init; }

    /// <summary>Why the repository's lifecycle policy could not be read (then <see cref="LifecyclePolicy"/> is null).</summary>
    public string? LifecyclePolicyUnreadable { get; init; }
}
