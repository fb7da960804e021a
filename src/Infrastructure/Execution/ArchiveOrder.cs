using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// Archives in an order the per-batch re-check accepts: an image is archived only after everything that hangs on it
/// (index children, attached artifacts), deepest first. The re-check keeps an archived image as it is, and so keeps
/// what hangs on it: archived first, an index would hold its children back from the quarantine.
/// </summary>
public static class ArchiveOrder
{
    public static IReadOnlyList<IReadOnlyList<ImageRecord>> Batches(IReadOnlyCollection<ImageRecord> images, IReadOnlyList<ImageRecord> repository)
    {
        var depth = ImageDependencies.Depths(repository);
        return
        [
            .. images.GroupBy(image => depth.GetValueOrDefault(image.Digest)).OrderByDescending(level => level.Key)
                .SelectMany(level => level.OrderBy(image => image.Digest, StringComparer.Ordinal).Chunk(DeletionOrder.BatchLimit))
                .Select(batch => (IReadOnlyList<ImageRecord>)batch),
        ];
    }
}
