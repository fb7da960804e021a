namespace EcrCurator.Domain;

/// <summary>Which of the images a rule selected its count marks (<c>countType</c>, <c>countNumber</c>).</summary>
internal static class LifecycleCount
{
    /// <param name="selected">Positions in <paramref name="images"/> of the images the rule selected.</param>
    /// <param name="marked">Receives the positions of the images the count marks.</param>
    public static void Mark(LifecycleRule rule, List<int> selected, IReadOnlyList<ImageRecord> images, DateTimeOffset now, List<int> marked)
    {
        marked.Clear();
        if (rule.CountType == LifecycleCountType.ImageCountMoreThan)
        {
            MarkBeyondNewest(rule.CountNumber, selected, images, marked);
            return;
        }

        var limit = TimeSpan.FromDays(rule.CountNumber);
        foreach (var i in selected)
        {
            if (now - Since(rule.CountType, images[i]) > limit)
            {
                marked.Add(i);
            }
        }
    }

    /// <summary>
    /// All but the newest N, newest by push (or by restore, for an image restored from the archive); images tied with
    /// the newest one left out are all marked, whichever ECR happens to keep.
    /// </summary>
    private static void MarkBeyondNewest(int keep, List<int> selected, IReadOnlyList<ImageRecord> images, List<int> marked)
    {
        if (selected.Count <= keep)
        {
            return;
        }

        var times = new DateTimeOffset[selected.Count];
        for (var s = 0; s < selected.Count; s++)
        {
            times[s] = Newness(images[selected[s]]);
        }

        Array.Sort(times);
        var boundary = times[selected.Count - 1 - keep]; // the newest of the images beyond the count
        foreach (var i in selected)
        {
            if (Newness(images[i]) <= boundary)
            {
                marked.Add(i);
            }
        }
    }

    /// <summary>What a count orders by: <c>pushed_at_time</c>, or <c>last_activated_at</c> for an image once restored.</summary>
    private static DateTimeOffset Newness(ImageRecord image) => image.LastActivatedAt ?? image.PushedAt;

    /// <summary>The instant a time-based count measures from.</summary>
    private static DateTimeOffset Since(LifecycleCountType type, ImageRecord image) => type switch
    {
        LifecycleCountType.SinceImagePulled when image.LastActivatedAt is { } restored && !(image.LastPulledAt >= restored) => restored,
        LifecycleCountType.SinceImagePulled => image.LastPulledAt ?? image.PushedAt,

        // Archived at an unknown time: as if long ago (reports more, never less).
        LifecycleCountType.SinceImageTransitioned => image.LastArchivedAt ?? DateTimeOffset.MinValue,
        _ => image.PushedAt,
    };
}
