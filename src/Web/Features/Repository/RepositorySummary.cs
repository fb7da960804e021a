using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Repository;

/// <summary>A repository's header: where it is, whose it is, how it is curated, and its figures from the latest snapshot.</summary>
public sealed record RepositorySummary(
    long Id,
    string AccountId,
    string Region,
    string Name,
    string Team,
    string Mode,
    int ImageCount,
    long ImageBytes,
    int CandidateCount,
    long CandidateBytes,
    long ReclaimableBytes,
    int PinnedCount,
    int InUseCount,
    DateTimeOffset? LastPushedAt,
    DateTimeOffset? GoneAt)
{
    public RepositoryKey Key => new(AccountId, Region, Name);

    /// <summary>What the reclaimable bytes cost per month at the configured storage price.</summary>
    public decimal MonthlySavings { get; init; }
}
