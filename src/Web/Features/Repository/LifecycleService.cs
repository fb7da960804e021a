using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Repository;

/// <summary>What the Repository page shows of the repository's ECR lifecycle policy, as the latest snapshot read it (SPEC 12).</summary>
public sealed class LifecycleService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    /// <summary>The most dangers the page lists (all are counted).</summary>
    public const int MostShown = 100;

    /// <returns>Null when there is no such repository.</returns>
    public async Task<LifecycleView?> GetAsync(long repositoryId, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read repositories");
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var repository = await db.Repositories.AsNoTracking().Where(row => row.Id == repositoryId)
            .Select(row => new { row.LifecyclePolicy, row.LifecycleUnreadable, row.LifecycleNotUnderstood, row.LifecycleFindings, row.LifecycleDangers, row.LifecycleInformation })
            .SingleOrDefaultAsync(cancellation);
        if (repository is null)
        {
            return null;
        }

        var findings = LifecycleFindingsJson.Read(repository.LifecycleFindings).Take(MostShown).ToList();
        var digests = findings.Select(finding => finding.Digest).Distinct().ToArray();
        var images = await db.Images.AsNoTracking()
            .Where(image => image.RepositoryId == repositoryId && image.GoneAt == null && digests.Contains(image.Digest))
            .Select(image => new { image.Digest, image.Tags, image.UsedBy })
            .ToDictionaryAsync(image => image.Digest, StringComparer.Ordinal, cancellation);
        var rules = repository.LifecyclePolicy is { } text && LifecyclePolicy.TryParse(text, out var policy, out _) ? policy!.Rules : [];
        return new LifecycleView(repository.LifecyclePolicy, repository.LifecycleUnreadable, repository.LifecycleNotUnderstood, rules)
        {
            Dangers = repository.LifecycleDangers,
            Information = repository.LifecycleInformation,
            Findings =
            [
                .. findings
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
    /// <summary>The <c>lifecycle-danger</c> findings, by rule and digest; at most <see cref="LifecycleService.MostShown"/> of them.</summary>
    public IReadOnlyList<LifecycleFindingLine> Findings { get; init; } = [];

    /// <summary>How many dangers there are in all.</summary>
    public int Dangers { get; init; }

    /// <summary>How many images the policy would remove that ECR Curator proposes to delete too.</summary>
    public int Information { get; init; }
}

/// <summary>One image the policy would expire or archive though ECR Curator keeps it for these reasons.</summary>
public sealed record LifecycleFindingLine(
    int Rule, string Digest, string Action, IReadOnlyList<string> Danger, IReadOnlyList<string> Tags, IReadOnlyList<UsageLocation> UsedBy);
