using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Deletions in an order ECR accepts: an index before the manifests it references (ECR refuses to delete a manifest an
/// index still lists), level by level for nested indexes, in batches of at most 100; an index whose children are
/// unknown before any other image.
/// </summary>
public static class DeletionOrder
{
    public const int BatchLimit = 100;

    public static IReadOnlyList<IReadOnlyList<ImageRecord>> Batches(IReadOnlyCollection<ImageRecord> images)
    {
        var byDigest = images.ToDictionary(image => image.Digest);
        // An index whose children are unknown (archived, its manifest never read) goes before everything else.
        var depth = images.ToDictionary(image => image.Digest, image => image.ChildrenUnknown ? -1 : 0);
        // A child sits one level below the deepest index that lists it; repeat until no level changes.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var index in images.Where(image => image.Manifests.Count > 0))
            {
                foreach (var child in index.Manifests.Where(byDigest.ContainsKey))
                {
                    if (depth[child] <= depth[index.Digest] && depth[index.Digest] < images.Count)
                    {
                        depth[child] = depth[index.Digest] + 1;
                        changed = true;
                    }
                }
            }
        }

        return
        [
            .. images.GroupBy(image => depth[image.Digest]).OrderBy(level => level.Key)
                .SelectMany(level => level.OrderBy(image => image.Digest, StringComparer.Ordinal).Chunk(BatchLimit))
                .Select(batch => (IReadOnlyList<ImageRecord>)batch),
        ];
    }
}
