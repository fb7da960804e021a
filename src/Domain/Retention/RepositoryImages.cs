namespace EcrCurator.Domain;

/// <summary>A repository's images found by digest and by tag.</summary>
internal sealed class RepositoryImages
{
    private readonly Dictionary<string, int> byDigest;
    private Dictionary<string, int>? byTag;

    public RepositoryImages(RepositoryRecord repository)
    {
        Repository = repository;
        byDigest = new Dictionary<string, int>(repository.Images.Count, StringComparer.Ordinal);
        for (var i = 0; i < repository.Images.Count; i++)
        {
            if (!byDigest.TryAdd(repository.Images[i].Digest, i))
            {
                throw new ArgumentException($"Repository {repository.Key} lists image {repository.Images[i].Digest} twice.");
            }
        }
    }

    public RepositoryRecord Repository { get; }

    public bool TryFind(string digest, out int index) => byDigest.TryGetValue(digest, out index);

    /// <summary>
    /// The image a reference names: its digest if it has one (a digest not in the repository names nothing, and
    /// the tag beside it is not consulted), else the image its tag points to now.
    /// </summary>
    public string? Resolve(ImageReference reference)
    {
        if (reference.Digest is not null)
        {
            return byDigest.ContainsKey(reference.Digest) ? reference.Digest : null;
        }

        byTag ??= IndexTags();
        return byTag.TryGetValue(reference.TagOrDefault, out var index) ? Repository.Images[index].Digest : null;
    }

    private Dictionary<string, int> IndexTags()
    {
        var tags = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Repository.Images.Count; i++)
        {
            foreach (var tag in Repository.Images[i].Tags)
            {
                tags.TryAdd(tag, i);
            }
        }

        return tags;
    }
}
