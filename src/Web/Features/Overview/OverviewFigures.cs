using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.Overview;

/// <summary>Everything the Overview page shows, read in one go.</summary>
public sealed record OverviewFigures(
    StorageFigures Totals,
    IReadOnlyList<StorageFigures> Teams,
    Savings Realised,
    string Currency,
    SnapshotSummary? LastSnapshot,
    SnapshotProgress? Running,
    IReadOnlyList<TrendPoint> Trend)
{
    /// <summary>What is in quarantine now and when it becomes deletable.</summary>
    public QuarantineOverview Quarantine { get; init; } = new(0, 0, null, []);

    /// <summary>What archiving the candidates to quarantine saves a month: only bytes above the archive tier are cheaper.</summary>
    public Savings ArchiveSavings { get; init; } = new(0, 0);

    /// <summary>The bytes executions archived (quarantined) so far.</summary>
    public long RealisedArchivedBytes { get; init; }

    /// <summary>What the ECR lifecycle policies in place would remove that is kept for safety (SPEC 12).</summary>
    public LifecycleSummary Lifecycle { get; init; } = LifecycleSummary.None;

    /// <summary>No snapshot has ever been started: there is nothing to show yet.</summary>
    public bool IsEmpty => LastSnapshot is null && Running is null;

    /// <summary>A monthly amount in the configured currency, e.g. <c>USD 12.30</c>.</summary>
    public string Money(Savings savings) => Display.Money(savings.Monthly, Currency);
}

/// <summary>
/// The figures of a group of repositories (a team, or all of them): candidate bytes add the candidates' sizes as the
/// ECR console does, reclaimable bytes count each layer once per repository (SPEC 5). Savings are per month.
/// </summary>
public sealed record StorageFigures(
    string Team,
    int Repositories,
    long Images,
    long ImageBytes,
    long Candidates,
    long CandidateBytes,
    long ReclaimableBytes,
    Savings CandidateSavings,
    Savings ReclaimableSavings)
{
    /// <summary>The candidates' sizes that are archived (quarantined), not deleted: part of <see cref="CandidateBytes"/>, saved only above the archive tier.</summary>
    public long QuarantineBytes { get; init; }
}

/// <summary>Bytes and what storing them costs per month, in the configured currency.</summary>
public sealed record Savings(long Bytes, decimal Monthly);

/// <summary>A settled (or failed) snapshot: when, how it ended and, when incomplete or failed, why.</summary>
public sealed record SnapshotSummary(
    long Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string StartedBy,
    string Status,
    IReadOnlyList<string> IncompleteReasons,
    IReadOnlyList<string> Problems)
{
    /// <summary>What its usage reads left out by configuration (Lambda turned off).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// One settled snapshot on the trend: the bytes stored then, the bytes deleted by executions up to then, and the
/// candidates it found.
/// </summary>
public sealed record TrendPoint(long SnapshotId, DateTimeOffset At, long StoredBytes, long RealisedBytes, long Candidates = 0);

/// <summary>
/// Repositories whose ECR lifecycle policy would remove images in use; those whose policy would remove images kept for
/// another safety reason only (pinned, an index child or artifact of a kept image, a rollback target); and those whose
/// policy could not be read or is not understood.
/// </summary>
public sealed record LifecycleSummary(int RemovingInUse, int RemovingOtherKept, int Unreviewed)
{
    public static LifecycleSummary None { get; } = new(0, 0, 0);
}
