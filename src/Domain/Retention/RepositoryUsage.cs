namespace EcrCurator.Domain;

/// <summary>
/// What ECS and Lambda use of one repository: digests (named by a reference or reported by ECS or Lambda) and tags (a reference
/// without a digest names the image its tag points to now), with where each is used; and the rollback targets.
/// </summary>
internal sealed class RepositoryUsage
{
    private static readonly IReadOnlyList<UsageSite> NotUsed = [];

    private readonly Dictionary<string, List<UsageSite>> byDigest = new(DigestComparer.Instance);
    private readonly Dictionary<string, List<UsageSite>> byTag = new(StringComparer.Ordinal);
    private readonly HashSet<string> rollbackDigests = new(DigestComparer.Instance);
    private readonly HashSet<string> rollbackTags = new(StringComparer.Ordinal);

    public void Add(ImageReference reference, UsageSite site)
    {
        if (reference.Digest is { } digest)
        {
            AddDigest(digest, site);
        }
        else
        {
            Add(byTag, reference.TagOrDefault, site);
        }
    }

    public void AddDigest(string digest, UsageSite site) => Add(byDigest, digest, site);

    public void AddRollbackTarget(ImageReference reference)
    {
        _ = reference.Digest is { } digest ? rollbackDigests.Add(digest) : rollbackTags.Add(reference.TagOrDefault);
    }

    public IReadOnlyList<UsageSite> SitesUsing(ImageRecord image)
    {
        byDigest.TryGetValue(image.Digest, out var sites);
        for (var t = 0; t < image.Tags.Count && byTag.Count > 0; t++)
        {
            if (byTag.TryGetValue(image.Tags[t], out var tagged))
            {
                sites = sites is null ? tagged : [.. sites.Union(tagged)];
            }
        }

        return sites ?? NotUsed;
    }

    public bool IsRollbackTarget(ImageRecord image)
    {
        if (rollbackDigests.Contains(image.Digest))
        {
            return true;
        }

        for (var t = 0; t < image.Tags.Count && rollbackTags.Count > 0; t++)
        {
            if (rollbackTags.Contains(image.Tags[t]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, List<UsageSite>> sites, string key, UsageSite site)
    {
        if (!sites.TryGetValue(key, out var list))
        {
            sites[key] = list = [];
        }

        if (!list.Contains(site))
        {
            list.Add(site);
        }
    }
}
