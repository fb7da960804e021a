namespace EcrCurator.Web.Features.Approvals;

/// <summary>One page of rows and how many rows there are in all: exactly, unless <see cref="MoreThanTotal"/> (counting stopped there).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, bool MoreThanTotal = false);

/// <summary>What waits for approval, per team, and when the next snapshot runs (for the empty state).</summary>
public sealed record PendingOverview(IReadOnlyList<TeamPending> Teams, int ApprovalsRequired, DateTimeOffset? NextSnapshotAt)
{
    public bool IsEmpty => Teams.Count == 0;
}

public sealed record TeamPending(string Team, int Proposals, int Candidates, long CandidateBytes, long ReclaimableBytes, decimal MonthlySavings);

/// <summary>A pending proposal as a row of its team's table.</summary>
public sealed record PendingProposal(
    long Id, string Repository, int Candidates, long CandidateBytes, long ReclaimableBytes, decimal MonthlySavings,
    DateTimeOffset CreatedAt, long ConfirmedSnapshotId, DateTimeOffset? ConfirmedAt, int Approvals, int ApprovalsRequired);

/// <summary>One proposal with its candidates, exclusions and decisions so far; <see cref="MayDecide"/> when the person may approve or reject.</summary>
public sealed record ProposalDetail(
    long Id, string Repository, string Team, string Status, string? StatusReason,
    int CandidateCount, long CandidateBytes, long ReclaimableBytes, decimal MonthlySavings,
    DateTimeOffset CreatedAt, long ConfirmedSnapshotId, DateTimeOffset? ConfirmedAt, int ApprovalsRequired,
    IReadOnlyList<ApprovalView> Decisions, IReadOnlyList<CandidateView> Candidates, IReadOnlySet<string> Excluded, string Me, bool MayDecide)
{
    public int Approvals => Decisions.Count(decision => decision.Approved);

    public bool IsPending => Status == Infrastructure.Persistence.Model.ProposalStatus.Pending;

    public bool ApprovedByMe => Decisions.Any(decision => decision.Approved && decision.Actor == Me);
}

/// <summary>An approval (or a rejection) of a proposal.</summary>
public sealed record ApprovalView(string Actor, bool Approved, string? Comment, DateTimeOffset At);

/// <summary>An image a proposal would delete; <see cref="RecentlyPulled"/> when pulled within the last 7 days (look twice).</summary>
public sealed record CandidateView(
    string Digest, IReadOnlyList<string> Tags, DateTimeOffset PushedAt, DateTimeOffset? LastPulledAt, long SizeBytes, IReadOnlyList<string> Reasons, bool RecentlyPulled)
{
    /// <summary>What its execution does: <c>delete</c>, or <c>quarantine</c> (archive it).</summary>
    public string Action { get; init; } = Infrastructure.Persistence.Model.CandidateActions.Delete;

    /// <summary>Kept since the snapshot by a pin: its execution will skip it, and it counts in no figure.</summary>
    public HeldBy? Held { get; init; }
}

/// <summary>Why a candidate of an open proposal is kept now: it is pinned, or it hangs on a pinned image (index child, attachment).</summary>
public enum HeldBy
{
    Pin,
    PinnedImage,
}

/// <summary>What an approval did: the proposal is approved (its execution is scheduled), or it waits for another person.</summary>
public enum ApprovalResult
{
    Approved,
    WaitingForAnotherApprover,
}

/// <summary>What approving all of a team's pending proposals did, with the message of each one that was refused.</summary>
public sealed record TeamApproval(int Approved, int Waiting, IReadOnlyList<string> Refused);

/// <summary>What approving all of a team would approve, and its candidates pulled within the last 7 days.</summary>
public sealed record TeamApprovalPreview(IReadOnlyList<PendingProposal> Proposals, IReadOnlyList<RecentlyPulledCandidate> RecentlyPulled);

public sealed record RecentlyPulledCandidate(long ProposalId, string Digest, IReadOnlyList<string> Tags, DateTimeOffset LastPulledAt);
