namespace EcrCurator.Domain;

/// <summary>
/// What stays with kept images (SPEC 3.4–3.5): their index children and attached artifacts, and theirs, until nothing
/// changes. Used where a decision is revised between snapshots (a pin), without deciding the repository again.
/// </summary>
public static class KeptWith
{
    /// <returns>Each image that hangs on one of <paramref name="kept"/> (and is not one of them), with the reasons it stays.</returns>
    public static IReadOnlyDictionary<string, Reasons> Of(IReadOnlyList<ImageRecord> images, IReadOnlySet<string> kept)
    {
        var relations = ImageRelations.Of(images);
        var held = new bool[images.Count];
        var queue = new Queue<int>();
        for (var i = 0; i < images.Count; i++)
        {
            if (kept.Contains(images[i].Digest))
            {
                held[i] = true;
                queue.Enqueue(i);
            }
        }

        var found = new Dictionary<string, Reasons>(DigestComparer.Instance);
        while (queue.TryDequeue(out var keeper))
        {
            Spread(keeper, relations.Children, Reasons.IndexChild);
            Spread(keeper, relations.Attachments, Reasons.AttachedArtifact);
        }

        return found;

        void Spread(int keeper, List<int>?[] related, Reasons reason)
        {
            foreach (var dependent in related[keeper] ?? [])
            {
                if (!kept.Contains(images[dependent].Digest))
                {
                    found[images[dependent].Digest] = found.GetValueOrDefault(images[dependent].Digest) | reason;
                }

                if (!held[dependent])
                {
                    held[dependent] = true;
                    queue.Enqueue(dependent);
                }
            }
        }
    }
}
