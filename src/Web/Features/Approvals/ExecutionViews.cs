using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>An approved proposal's execution: outcomes so far out of the candidates not excluded, and each image's outcome.</summary>
public sealed record ExecutionProgress(long ProposalId, string Status, string? StatusReason, int Done, int Total, long DeletedBytes, IReadOnlyList<ImageOutcome> Outcomes)
{
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
public sealed record ImageOutcome(string Digest, IReadOnlyList<string> Tags, string Outcome, string? Error, long SizeBytes, DateTimeOffset At);
