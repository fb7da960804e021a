namespace EcrCurator.Web.Features.Repository;

/// <summary>How an image hangs under another: a child manifest of an index, or an artifact attached to its subject.</summary>
public enum ImageRelation
{
    TopLevel,
    IndexChild,
    Attachment,
}

/// <summary>One image as the repository page shows it, with its index children and attached artifacts under it.</summary>
public sealed record ImageLine(
    string Digest,
    IReadOnlyList<string> Tags,
    DateTimeOffset PushedAt,
    DateTimeOffset? LastPulledAt,
    long SizeBytes,
    string Status,
    string Decision,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<UsageLocation> UsedBy,
    string? ArtifactMediaType)
{
    /// <summary>For a candidate, what its execution does: <c>delete</c> or <c>quarantine</c> (archive).</summary>
    public string? Action { get; init; }

    public DateTimeOffset? LastArchivedAt { get; init; }

    /// <summary>In ECR's archive (it cannot be pulled): a Curator can restore it.</summary>
    public bool IsArchived => Status == "ARCHIVED";

    public bool IsActivating => Status == "ACTIVATING";

    public ImageRelation Relation { get; init; } = ImageRelation.TopLevel;

    /// <summary>A candidate for deletion pulled within the last <see cref="RepositoryService.RecentPullDays"/> days: a person should look twice.</summary>
    public bool RecentlyPulledCandidate { get; init; }

    public IReadOnlyList<ImageLine> Dependents { get; init; } = [];

    /// <summary>The pin that keeps it now, if any.</summary>
    public ImagePin? Pin { get; init; }

    /// <summary>What an execution since the last snapshot did to it (it is still here: skipped, failed or a dry run).</summary>
    public ExecutionNote? Outcome { get; init; }

    public bool IsCandidate => Decision == "delete";

    /// <summary>The first twelve hex digits, as <c>docker images</c> shows an id.</summary>
    public string ShortDigest => Short(Digest);

    public static string Short(string digest) =>
        digest[(digest.IndexOf(':') + 1)..] is var hex && hex.Length > 12 ? hex[..12] : hex;
}

/// <summary>An execution's outcome for an image still listed: which proposal, what became of it, and why.</summary>
public sealed record ExecutionNote(string Digest, long Proposal, string Outcome, string? Error, DateTimeOffset At);

/// <summary>An image's pin in effect: who pinned it, why, until when.</summary>
public sealed record ImagePin(long Id, string Actor, string Reason, DateTimeOffset? ExpiresAt);

/// <summary>What the images table asks for: one page of top-level images, sorted and filtered.</summary>
public sealed record ImageQuery(
    int Page = 0, int PageSize = 25, ImageSort Sort = ImageSort.Pushed, bool Descending = true, DecisionFilter Decision = DecisionFilter.All,
    StorageFilter Storage = StorageFilter.All)
{
    /// <summary>Only this top-level image (a search landing on it), whatever the other filters say.</summary>
    public string? Digest { get; init; }
}

public enum ImageSort
{
    Pushed,
    Size,
}

public enum DecisionFilter
{
    All,
    Delete,
    Keep,
}

/// <summary>Active images only, or those in ECR's archive (archived, or being restored).</summary>
public enum StorageFilter
{
    All,
    Active,
    Archived,
}

/// <summary>One page of top-level images and how many top-level images match in all.</summary>
public sealed record ImagePage(IReadOnlyList<ImageLine> Images, int Total);
