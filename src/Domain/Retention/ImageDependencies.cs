namespace EcrCurator.Domain;

/// <summary>How the images of a repository hang on each other: index children and attached artifacts (SPEC 3.4, 3.5).</summary>
public static class ImageDependencies
{
    /// <summary>
    /// How deep each image hangs under others: 0 for an image that hangs under nothing, else one more than the deepest
    /// image it is an index child or an attached artifact of. Indexes may nest and artifacts may be attached to
    /// children, so an archive that goes deepest first never archives an image before what hangs on it.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Depths(IReadOnlyList<ImageRecord> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var relations = ImageRelations.Of(images);
        var depth = new int[images.Count];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < images.Count; i++)
            {
                foreach (var dependent in (relations.Children[i] ?? []).Concat(relations.Attachments[i] ?? []))
                {
                    // Below the deepest image it hangs on; a loop stops growing at the number of images.
                    if (depth[dependent] <= depth[i] && depth[i] < images.Count)
                    {
                        depth[dependent] = depth[i] + 1;
                        changed = true;
                    }
                }
            }
        }

        var byDigest = new Dictionary<string, int>(images.Count, StringComparer.Ordinal);
        for (var i = 0; i < images.Count; i++)
        {
            byDigest.TryAdd(images[i].Digest, depth[i]);
        }

        return byDigest;
    }

    /// <summary>The images that hang on <paramref name="digests"/>, and on those in turn (never the given ones themselves).</summary>
    public static IReadOnlySet<string> HangingOn(IReadOnlyList<ImageRecord> images, IReadOnlyCollection<string> digests)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(digests);
        var relations = ImageRelations.Of(images);
        var given = new HashSet<string>(digests, StringComparer.Ordinal);
        var found = new HashSet<int>();
        var queue = new Queue<int>(Enumerable.Range(0, images.Count).Where(i => given.Contains(images[i].Digest)));
        while (queue.TryDequeue(out var image))
        {
            foreach (var dependent in (relations.Children[image] ?? []).Concat(relations.Attachments[image] ?? []))
            {
                if (!given.Contains(images[dependent].Digest) && found.Add(dependent))
                {
                    queue.Enqueue(dependent);
                }
            }
        }

        return found.Select(i => images[i].Digest).ToHashSet(StringComparer.Ordinal);
    }
}
