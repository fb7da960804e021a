using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.State;

/// <summary>One ECR repository: its images by digest (the order pages follow), its tags, and which indexes list which children.</summary>
internal sealed class RepositoryState(string name, DateTimeOffset createdAt, IReadOnlyDictionary<string, string> tags)
{
    private readonly Dictionary<string, string> digestOfTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> indexesOf = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public IReadOnlyDictionary<string, string> Tags { get; } = tags;

    /// <summary>The lifecycle policy's JSON text as it was put; null when the repository has none.</summary>
    public string? LifecyclePolicy { get; set; }

    public SortedList<string, WorldImage> Images { get; } = new(StringComparer.Ordinal);

    public WorldImage? ByDigest(string digest) => Images.GetValueOrDefault(digest);

    public WorldImage? ByTag(string tag) => digestOfTag.TryGetValue(tag, out var digest) ? Images[digest] : null;

    /// <summary>The indexes of this repository that list <paramref name="digest"/> as a child.</summary>
    public IReadOnlyCollection<string> IndexesListing(string digest) => indexesOf.TryGetValue(digest, out var indexes) ? indexes : [];

    /// <summary>Adds or replaces an image; a tag it carries leaves the image that had it, as a push does.</summary>
    public void Put(WorldImage image)
    {
        if (Images.ContainsKey(image.Digest))
        {
            Remove(image.Digest);
        }

        foreach (var tag in image.Tags)
        {
            Untag(tag);
        }

        Images[image.Digest] = image;
        foreach (var tag in image.Tags)
        {
            digestOfTag[tag] = image.Digest;
        }

        foreach (var child in image.Manifests ?? [])
        {
            if (!indexesOf.TryGetValue(child, out var indexes))
            {
                indexesOf[child] = indexes = new HashSet<string>(StringComparer.Ordinal);
            }

            indexes.Add(image.Digest);
        }
    }

    public bool Remove(string digest)
    {
        if (!Images.Remove(digest, out var image))
        {
            return false;
        }

        foreach (var tag in image.Tags)
        {
            digestOfTag.Remove(tag);
        }

        foreach (var child in image.Manifests ?? [])
        {
            if (indexesOf.TryGetValue(child, out var indexes) && indexes.Remove(digest) && indexes.Count == 0)
            {
                indexesOf.Remove(child);
            }
        }

        return true;
    }

    /// <summary>Takes a tag off the image that has it; returns that image as it now is, or null when no image had it.</summary>
    public WorldImage? Untag(string tag)
    {
        if (!digestOfTag.Remove(tag, out var digest))
        {
            return null;
        }

        var image = Images[digest] with { Tags = [.. Images[digest].Tags.Where(other => other != tag)] };
        Images[digest] = image;
        return image;
    }

    /// <summary>The size ECR reports: an image's own, or for an index the largest among its children.</summary>
    public long SizeOf(WorldImage image, int depth = 0)
    {
        if (image.Manifests is not { Count: > 0 } children || depth > 8)
        {
            return image.SizeBytes;
        }

        return children.Select(ByDigest).OfType<WorldImage>().Select(child => SizeOf(child, depth + 1)).DefaultIfEmpty(image.SizeBytes).Max();
    }
}
