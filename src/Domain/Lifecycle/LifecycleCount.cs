namespace EcrCurator.Domain;

/// <summary>Which of the images a rule selected its count marks (<c>countType</c>, <c>countNumber</c>).</summary>
internal static class LifecycleCount
{
    /// <param name="selected">Positions in <paramref name="images"/> of the images the rule selected.</param>
    public static IEnumerable<int> Marked(LifecycleRule rule, List<int> selected, IReadOnlyList<ImageRecord> images, DateTimeOffset now)
    {
        if (rule.CountType == LifecycleCountType.ImageCountMoreThan)
        {
            return BeyondNewest(rule.CountNumber, selected, images);
        }

        var limit = TimeSpan.FromDays(rule.CountNumber);
        return selected.Where(i => now - Since(rule.CountType, images[i]) > limit).ToList();
    }

    /// <summary>
    /// All but the newest N, newest by push (or by restore, for an image restored from the archive); images tied with
    /// the newest one left out are all marked, whichever ECR happens to keep.
    /// </summary>
    private static IEnumerable<int> BeyondNewest(int keep, List<int> selected, IReadOnlyList<ImageRecord> images)
    {
        if (selected.Count <= keep)
        {
            return [];
        }

        var times = new DateTimeOffset[selected.Count];
        for (var s = 0; s < selected.Count; s++)
        {
            times[s] = Newness(images[selected[s]]);
        }

        Array.Sort(times);
        var boundary = times[selected.Count - 1 - keep]; // the newest of the images beyond the count
        return selected.Where(i => Newness(images[i]) <= boundary).ToList();
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
