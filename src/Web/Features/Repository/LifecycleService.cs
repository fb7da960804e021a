using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Repository;

/// <summary>What the Repository page shows of the repository's ECR lifecycle policy, as the latest snapshot read it (SPEC 12).</summary>
public sealed class LifecycleService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    /// <returns>Null when there is no such repository.</returns>
    public async Task<LifecycleView?> GetAsync(long repositoryId, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read repositories");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var repository = await db.Repositories.AsNoTracking().Where(row => row.Id == repositoryId)
            .Select(row => new { row.LifecyclePolicy, row.LifecycleUnreadable, row.LifecycleNotUnderstood, row.LifecycleFindings })
            .SingleOrDefaultAsync(cancellation);
        if (repository is null)
        {
            return null;
        }

        var findings = LifecycleFindingsJson.Read(repository.LifecycleFindings);
        var digests = findings.Select(finding => finding.Digest).Distinct().ToArray();
        var images = await db.Images.AsNoTracking()
            .Where(image => image.RepositoryId == repositoryId && image.GoneAt == null && digests.Contains(image.Digest))
            .Select(image => new { image.Digest, image.Tags, image.UsedBy })
            .ToDictionaryAsync(image => image.Digest, StringComparer.Ordinal, cancellation);
        var rules = repository.LifecyclePolicy is { } text && LifecyclePolicy.TryParse(text, out var policy, out _) ? policy!.Rules : [];
        return new LifecycleView(repository.LifecyclePolicy, repository.LifecycleUnreadable, repository.LifecycleNotUnderstood, rules)
        {
            Findings =
            [
                .. findings
                    .OrderByDescending(finding => finding.IsDanger).ThenBy(finding => finding.Rule).ThenBy(finding => finding.Digest, StringComparer.Ordinal)
                    .Select(finding => new LifecycleFindingLine(
                        finding.Rule, finding.Digest, finding.Action, finding.Danger,
                        images.GetValueOrDefault(finding.Digest)?.Tags ?? [],
                        [.. (images.GetValueOrDefault(finding.Digest)?.UsedBy ?? []).Select(UsageLocation.Parse)])),
            ],
        };
    }
}

/// <summary>A repository's lifecycle policy: its text (none when null), why it could not be read or is not understood, its rules, and its findings.</summary>
public sealed record LifecycleView(string? PolicyText, string? Unreadable, string? NotUnderstood, IReadOnlyList<LifecycleRule> Rules)
{
    /// <summary>Dangers first, then by rule and digest.</summary>
    public IReadOnlyList<LifecycleFindingLine> Findings { get; init; } = [];

    public int Dangers => Findings.Count(finding => finding.IsDanger);
}

/// <summary>One image the policy would expire or archive, with the keep reasons that make it a danger (none: also proposed for deletion).</summary>
public sealed record LifecycleFindingLine(
    int Rule, string Digest, string Action, IReadOnlyList<string> Danger, IReadOnlyList<string> Tags, IReadOnlyList<UsageLocation> UsedBy)
{
    public bool IsDanger => Danger.Count > 0;
}
