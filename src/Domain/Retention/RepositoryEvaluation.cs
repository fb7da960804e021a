namespace EcrCurator.Domain;

/// <summary>The decisions for the images of one repository.</summary>
internal sealed class RepositoryEvaluation(
    RepositoryRecord repository,
    RetentionPolicy policy,
    RepositoryUsage? usage,
    HashSet<string> pinned,
    IReadOnlySet<string> held,
    DateTimeOffset now)
{
    private static readonly IReadOnlyList<UsageSite> NotUsed = [];

    private readonly IReadOnlyList<ImageRecord> images = repository.Images;

    /// <summary>The images the product quarantined and has not restored, with when each was archived.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Quarantined { get; init; } = new Dictionary<string, DateTimeOffset>();

    public RepositoryPlan Evaluate(bool usageComplete, LifecyclePolicyTexts lifecyclePolicies)
    {
        var relations = ImageRelations.Of(images);
        var reasons = new Reasons[images.Count];
        var sites = new IReadOnlyList<UsageSite>[images.Count];
        var newest = images.Count == 0 ? default : images.Max(image => image.AnchorPushedAt);
        var windowStart = DaysBefore(newest, policy.WindowDays);
        for (var i = 0; i < images.Count; i++)
        {
            sites[i] = usage?.SitesUsing(images[i]) ?? NotUsed;
            reasons[i] = OwnReasons(images[i], windowStart, sites[i].Count > 0);
        }

        MarkNewest(reasons, relations);
        var kept = new bool[images.Count];
        var queue = new Queue<int>();
        for (var i = 0; i < images.Count; i++)
        {
            if (Decide(reasons[i]) == Decision.Keep || ActionFor(images[i], reasons[i]) is null)
            {
                kept[i] = true;
                queue.Enqueue(i);
            }
        }

        // Keeping spreads until nothing changes: a kept index keeps its children, a kept image its attachments.
        while (queue.TryDequeue(out var keeper))
        {
            Spread(keeper, relations.Children, Reasons.IndexChild, reasons, kept, queue);
            Spread(keeper, relations.Attachments, Reasons.AttachedArtifact, reasons, kept, queue);
            if (images[keeper].ChildrenUnknown)
            {
                SpreadToPossibleChildren(keeper, reasons, kept, queue);
            }
        }

        var decisions = new ImageDecision[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            // Fail closed: what only the unread usage could have protected is kept, and says so.
            var decision = kept[i] ? Decision.Keep : usageComplete ? Decision.Delete : Decision.Keep;
            var unverified = !kept[i] && !usageComplete ? Reasons.Unverified : Reasons.None;
            decisions[i] = new ImageDecision(images[i], decision, reasons[i] | unverified, sites[i])
            {
                IsDependent = relations.IsDependent[i],
                Action = decision == Decision.Delete ? ActionFor(images[i], reasons[i]) ?? RetentionAction.Delete : RetentionAction.Delete,
            };
        }

        var lifecycle = LifecycleReview.Of(repository, decisions, now, lifecyclePolicies); // before sorting: decisions[i] is images[i]
        Array.Sort(decisions, NewestPushFirst);
        return new RepositoryPlan(repository, policy, decisions, StorageFigures.Of(decisions)) { Lifecycle = lifecycle };
    }

    private Reasons OwnReasons(ImageRecord image, DateTimeOffset windowStart, bool inUse)
    {
        var reasons = image.PushedAt >= windowStart ? Reasons.InWindow : Reasons.OutsideWindow;
        if (image.Tags.Count == 0)
        {
            reasons |= Reasons.Untagged;
        }

        if (policy.Excluded || held.Contains(image.Digest))
        {
            reasons |= Reasons.Excluded;
        }

        if (inUse)
        {
            reasons |= Reasons.InUse;
        }

        if (pinned.Contains(image.Digest))
        {
            reasons |= Reasons.Pinned;
        }

        if (policy.KeepPulledWithinDays is > 0 and var days && image.LastPulledAt >= DaysBefore(now, days))
        {
            reasons |= Reasons.RecentlyPulled;
        }

        if (HasKeptTag(image))
        {
            reasons |= Reasons.KeptTagPattern;
        }

        if (usage?.IsRollbackTarget(image) == true)
        {
            reasons |= Reasons.RollbackTarget;
        }

        if (IsQuarantineOver(image))
        {
            reasons |= Reasons.QuarantineExpired;
        }

        return reasons;
    }

    /// <summary>
    /// Quarantined by the product, still archived, not restored since (a restore or a push of it restores it), and
    /// archived at least the policy's quarantine days ago.
    /// </summary>
    private bool IsQuarantineOver(ImageRecord image) =>
        image.Status == ImageStatus.Archived
        && Quarantined.TryGetValue(image.Digest, out var archivedAt)
        && !(image.LastActivatedAt > archivedAt)
        && now >= policy.QuarantineEndsAt(archivedAt);

    /// <summary>
    /// What executing a delete decision does: a quarantine over is deleted, and so is every candidate of a Delete policy;
    /// under Quarantine an active image is archived, and one that is archived or being restored already is no candidate
    /// (null: it is kept, as it is).
    /// </summary>
    private RetentionAction? ActionFor(ImageRecord image, Reasons reasons) =>
        reasons.HasFlag(Reasons.QuarantineExpired) || policy.Action == RetentionAction.Delete ? RetentionAction.Delete
        : image.Status == ImageStatus.Active ? RetentionAction.Quarantine
        : null;

    private bool HasKeptTag(ImageRecord image)
    {
        foreach (var pattern in policy.KeepTagPatterns)
        {
            for (var t = 0; t < image.Tags.Count; t++)
            {
                if (pattern.Matches(image.Tags[t]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Keep-newest counts top-level images, newest push first, ties broken by ascending digest.</summary>
    private void MarkNewest(Reasons[] reasons, ImageRelations relations)
    {
        if (policy.KeepNewest == 0)
        {
            return;
        }

        var newest = Enumerable.Range(0, images.Count)
            .Where(i => !relations.IsDependent[i])
            .OrderByDescending(i => images[i].AnchorPushedAt)
            .ThenBy(i => images[i].Digest, StringComparer.Ordinal)
            .Take(policy.KeepNewest);
        foreach (var i in newest)
        {
            reasons[i] |= Reasons.KeepNewest;
        }
    }

    /// <summary>The decision order of SPEC 3, first match wins.</summary>
    private Decision Decide(Reasons reasons) => reasons switch
    {
        _ when (reasons & (Reasons.Excluded | Reasons.Protecting)) != 0 => Decision.Keep,
        _ when reasons.HasFlag(Reasons.Untagged) && policy.DeleteUntagged => Decision.Delete,
        _ when (reasons & (Reasons.OutsideWindow | Reasons.QuarantineExpired)) != 0 => Decision.Delete,
        _ => Decision.Keep,
    };

    private static void Spread(int keeper, List<int>?[] related, Reasons reason, Reasons[] reasons, bool[] kept, Queue<int> queue)
    {
        if (related[keeper] is not { } dependents)
        {
            return;
        }

        foreach (var dependent in dependents)
        {
            reasons[dependent] |= reason;
            if (!kept[dependent])
            {
                kept[dependent] = true;
                queue.Enqueue(dependent);
            }
        }
    }

    /// <summary>
    /// A kept index whose children are unknown keeps every image that could be one of them (<c>index-child</c>): each
    /// other image pushed no later than the index, since ECR refuses an index whose children are not in the repository yet.
    /// </summary>
    private void SpreadToPossibleChildren(int index, Reasons[] reasons, bool[] kept, Queue<int> queue)
    {
        for (var i = 0; i < images.Count; i++)
        {
            if (i != index && images[i].AnchorPushedAt <= images[index].PushedAt)
            {
                reasons[i] |= Reasons.IndexChild;
                if (!kept[i])
                {
                    kept[i] = true;
                    queue.Enqueue(i);
                }
            }
        }
    }

    /// <summary>The instant a number of 24-hour days before another, or the earliest instant there is.</summary>
    private static DateTimeOffset DaysBefore(DateTimeOffset instant, int days) =>
        (instant - DateTimeOffset.MinValue).TotalDays > days ? instant.AddDays(-days) : DateTimeOffset.MinValue;

    private static int NewestPushFirst(ImageDecision a, ImageDecision b)
    {
        var byPush = b.Image.PushedAt.CompareTo(a.Image.PushedAt);
        return byPush != 0 ? byPush : string.CompareOrdinal(a.Image.Digest, b.Image.Digest);
    }
}
