using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>An approved proposal's execution: outcomes so far out of the candidates not excluded, and each image's outcome.</summary>
public sealed record ExecutionProgress(long ProposalId, string Status, string? StatusReason, int Done, int Total, long DeletedBytes, IReadOnlyList<ImageOutcome> Outcomes)
{
    /// <summary>The repository executed on: <c>account/region/name</c>.</summary>
    public string Repository { get; init; } = "";

    public long ArchivedBytes { get; init; }

    /// <summary>Approved (waiting to start) or executing: its figures still change.</summary>
    public bool IsRunning => ExecutionSummary.Running(Status);
}

/// <summary>An execution as a row of a table.</summary>
public sealed record ExecutionSummary(long Id, string Repository, string Team, string Status, string? StatusReason, int Done, int Total, long DeletedBytes)
{
    public bool IsRunning => Running(Status);

    public static bool Running(string status) => status is ProposalStatus.Approved or ProposalStatus.Executing;
}

/// <summary>What became of one image of an execution.</summary>
public sealed record ImageOutcome(string Digest, IReadOnlyList<string> Tags, string Outcome, string? Error, long SizeBytes, DateTimeOffset At)
{
    /// <summary>For an image the execution archived: <c>quarantined</c>, <c>restoring</c>, <c>restored</c> or <c>deleted</c> (after its quarantine).</summary>
    public string? Quarantine { get; init; }

    /// <summary>Archived by the execution and still in the quarantine: a Curator can restore it.</summary>
    public bool IsRestorable => Quarantine == QuarantineStates.Quarantined;
}

/// <summary>What became of an image an execution quarantined.</summary>
public static class QuarantineStates
{
    public const string Quarantined = "quarantined";
    public const string Restoring = "restoring";
    public const string Restored = "restored";
    public const string Deleted = "deleted";
}
