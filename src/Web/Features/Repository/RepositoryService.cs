using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Repository;

/// <summary>What the page of one repository reads: its figures, its images a page at a time, and the policy in effect.</summary>
public sealed class RepositoryService(
    IDbContextFactory<CuratorDbContext> contexts,
    CurrentUser user,
    IOptions<RetentionOptions> retention,
    IOptions<StorageOptions> storage,
    TimeProvider time)
{
    /// <summary>Candidates pulled within this many days are flagged (SPEC 3: what is not seen cannot be protected).</summary>
    public const int RecentPullDays = 7;

    /// <summary>The most top-level images one page holds.</summary>
    public const int MaxPageSize = 500;

    private const string Reading = "read repositories";

    /// <returns>Null when there is no such repository.</returns>
    public async Task<RepositorySummary?> GetAsync(long id, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, Reading);
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var summary = await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team).Where(row => row.Id == id)
            .Select(row => new RepositorySummary(
                row.Id, row.AccountId, row.Region, row.Name, row.Team, row.Mode, row.ImageCount, row.ImageBytes, row.CandidateCount,
                row.CandidateBytes, row.ReclaimableBytes, row.PinnedCount, row.InUseCount, row.LastPushedAt, row.GoneAt))
            .SingleOrDefaultAsync(cancellation);
        return summary is null ? null : summary with { MonthlySavings = storage.Value.MonthlyCost(summary.ReclaimableBytes) };
    }

    /// <summary>The id of the repository <paramref name="key"/> names; null when there is none (in the teams the person may see).</summary>
    public async Task<long?> IdOfAsync(Domain.RepositoryKey key, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, Reading);
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team)
            .Where(row => row.AccountId == key.AccountId && row.Region == key.Region && row.Name == key.Name)
            .Select(row => (long?)row.Id).SingleOrDefaultAsync(cancellation);
    }

    /// <summary>One page of the repository's top-level images, each with its index children and attached artifacts.</summary>
    public async Task<ImagePage> ImagesAsync(long id, ImageQuery query, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, Reading);
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var repository = await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team).Where(row => row.Id == id)
            .Select(row => new { row.AccountId, row.Region, row.Name }).SingleOrDefaultAsync(cancellation);
        if (repository is null)
        {
            return new ImagePage([], 0);
        }

        var images = ImageTree.TopLevel(db, id);
        if (query.Digest is { } digest)
        {
            images = images.Where(image => image.Digest == digest);
        }

        images = query.Decision switch
        {
            DecisionFilter.Delete => images.Where(image => image.Decision == "delete"),
            DecisionFilter.Keep => images.Where(image => image.Decision == "keep"),
            _ => images,
        };
        images = query.Storage switch
        {
            StorageFilter.Active => images.Where(image => image.Status == "ACTIVE"),
            StorageFilter.Archived => images.Where(image => image.Status != "ACTIVE"),
            _ => images,
        };

        var total = await images.CountAsync(cancellation);
        var sorted = (query.Sort, query.Descending) switch
        {
            (ImageSort.Size, true) => images.OrderByDescending(image => image.SizeBytes).ThenBy(image => image.Digest),
            (ImageSort.Size, false) => images.OrderBy(image => image.SizeBytes).ThenBy(image => image.Digest),
            (_, true) => images.OrderByDescending(image => image.PushedAt).ThenBy(image => image.Digest),
            (_, false) => images.OrderBy(image => image.PushedAt).ThenBy(image => image.Digest),
        };
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await ImageFacts.Of(sorted.Skip(Math.Max(0, query.Page) * size).Take(size)).ToListAsync(cancellation);
        var dependents = (await ImageTree.DependentsAsync(db, id, page, cancellation)).ToLookup(dependent => dependent.Parent, StringComparer.Ordinal);

        var now = time.GetUtcNow();
        var digests = page.Select(image => image.Digest).Concat(dependents.SelectMany(group => group).Select(dependent => dependent.Image.Digest)).Distinct().ToArray();
        var pins = await db.Pins.AsNoTracking()
            .Where(pin => pin.AccountId == repository.AccountId && pin.Region == repository.Region && pin.Repository == repository.Name)
            .Where(pin => digests.Contains(pin.Digest) && (pin.ExpiresAt == null || pin.ExpiresAt > now))
            .ToDictionaryAsync(pin => pin.Digest, pin => new ImagePin(pin.Id, pin.Actor, pin.Reason, pin.ExpiresAt), StringComparer.Ordinal, cancellation);

        var outcomes = await LastOutcomesAsync(db, id, digests, cancellation);
        var lines = new Lines(dependents, pins, outcomes, now.AddDays(-RecentPullDays));
        return new ImagePage([.. page.Select(image => lines.Of(image, ImageRelation.TopLevel, new HashSet<string>()))], total);
    }

    /// <summary>
    /// What the executions since the last snapshot did to images still listed (skipped, failed, dry run): until the next
    /// snapshot reads them again, each says why it is still there. What they deleted has left the listing already.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, ExecutionNote>> LastOutcomesAsync(
        CuratorDbContext db, long repositoryId, string[] digests, CancellationToken cancellation)
    {
        var since = await db.Snapshots.Where(snapshot => snapshot.FinishedAt != null).MaxAsync(snapshot => snapshot.FinishedAt, cancellation) ?? DateTimeOffset.MinValue;
        var outcomes = await (from outcome in db.ExecutionOutcomes
                              join proposal in db.Proposals on outcome.ProposalId equals proposal.Id
                              where proposal.RepositoryId == repositoryId && digests.Contains(outcome.Digest) && outcome.At > since
                              select new ExecutionNote(outcome.Digest, outcome.ProposalId, outcome.Outcome, outcome.Error, outcome.At)).AsNoTracking().ToListAsync(cancellation);
        return outcomes.GroupBy(outcome => outcome.Digest, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(outcome => outcome.At)!, StringComparer.Ordinal);
    }

    /// <summary>Turns image rows into lines, each with its dependents under it (never itself again, even if the manifests loop).</summary>
    private sealed record Lines(
        ILookup<string, (string Parent, ImageRelation Relation, ImageFacts Image)> Dependents,
        IReadOnlyDictionary<string, ImagePin> Pins,
        IReadOnlyDictionary<string, ExecutionNote> Outcomes,
        DateTimeOffset RecentPull)
    {
        public ImageLine Of(ImageFacts image, ImageRelation relation, IReadOnlySet<string> above)
        {
            var path = new HashSet<string>(above, StringComparer.Ordinal) { image.Digest };
            return new ImageLine(
                image.Digest, image.Tags, image.PushedAt, image.LastPulledAt, image.SizeBytes, image.Status, image.Decision, image.Reasons,
                [.. image.UsedBy.Select(UsageLocation.Parse)], image.ArtifactMediaType)
            {
                Action = image.Action,
                LastArchivedAt = image.LastArchivedAt,
                Relation = relation,
                RecentlyPulledCandidate = image.Decision == "delete" && image.LastPulledAt >= RecentPull,
                Pin = Pins.GetValueOrDefault(image.Digest),
                Outcome = Outcomes.GetValueOrDefault(image.Digest),
                Dependents =
                [
                    .. Dependents[image.Digest]
                        .Where(dependent => !path.Contains(dependent.Image.Digest))
                        .OrderBy(dependent => dependent.Relation).ThenBy(dependent => dependent.Image.Digest, StringComparer.Ordinal)
                        .Select(dependent => Of(dependent.Image, dependent.Relation, path)),
                ],
            };
        }
    }

    /// <summary>The policy in effect for the repository, field by field with where each value comes from.</summary>
    public async Task<IReadOnlyList<PolicySetting>> PolicyAsync(long id, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, Reading);
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var repository = await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team).Where(row => row.Id == id)
            .Select(row => new { row.AccountId, row.Region, row.Name, row.Team })
            .SingleOrDefaultAsync(cancellation);
        if (repository is null)
        {
            return [];
        }

        var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
        return PolicyOrigins.Of(policies, new(repository.AccountId, repository.Region, repository.Name), repository.Team);
    }
}
