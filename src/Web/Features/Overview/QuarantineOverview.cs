using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Overview;

/// <summary>
/// What the product holds in quarantine (archived, neither restored nor deleted since) and when it becomes deletable:
/// its archiving plus the quarantine days of the policy in effect for its repository (deleted only once proposed again
/// with <c>quarantine-expired</c> and approved).
/// </summary>
public sealed record QuarantineOverview(int Images, long Bytes, DateTimeOffset? NextDeletableAt, IReadOnlyList<QuarantinedRepository> Repositories)
{
    /// <summary>How many repositories the Overview lists, soonest deletable first.</summary>
    public const int Shown = 20;

    public static async Task<QuarantineOverview> ReadAsync(CuratorDbContext db, RetentionOptions retention, CancellationToken cancellation)
    {
        var groups = await (from quarantine in db.Quarantines.AsNoTracking()
                            where quarantine.RestoreRequestedAt == null && quarantine.DeletedAt == null
                            group quarantine by new { quarantine.AccountId, quarantine.Region, quarantine.Repository } into repository
                            select new
                            {
                                repository.Key.AccountId, repository.Key.Region, repository.Key.Repository, Images = repository.Count(),
                                Bytes = repository.Sum(quarantine => quarantine.SizeBytes),
                                First = repository.Min(quarantine => quarantine.ArchivedAt), Last = repository.Max(quarantine => quarantine.ArchivedAt),
                            }).ToListAsync(cancellation);
        if (groups.Count == 0)
        {
            return new QuarantineOverview(0, 0, null, []);
        }

        var policies = await StoredPolicies.OverAsync(retention.ToPolicySet(), db, cancellation);
        var repositories = await db.Repositories.AsNoTracking().Select(row => new { row.Id, row.AccountId, row.Region, row.Name, row.Team }).ToListAsync(cancellation);
        var rows = groups.Select(group =>
        {
            var key = new RepositoryKey(group.AccountId, group.Region, group.Repository);
            var row = repositories.FirstOrDefault(r => r.AccountId == key.AccountId && r.Region == key.Region && r.Name == key.Name);
            var policy = policies.For(key, row?.Team ?? TeamRules.Unassigned);
            return new QuarantinedRepository(
                row?.Id, key.ToString(), row?.Team ?? TeamRules.Unassigned, group.Images, group.Bytes, policy.QuarantineEndsAt(group.First), policy.QuarantineEndsAt(group.Last));
        }).OrderBy(row => row.DeletableFrom).ThenBy(row => row.Repository, StringComparer.Ordinal).ToList();
        return new QuarantineOverview(rows.Sum(row => row.Images), rows.Sum(row => row.Bytes), rows[0].DeletableFrom, [.. rows.Take(Shown)]);
    }
}

/// <summary>A repository's images in quarantine: the first becomes deletable at <see cref="DeletableFrom"/>, the last at <see cref="DeletableBy"/>.</summary>
public sealed record QuarantinedRepository(long? Id, string Repository, string Team, int Images, long Bytes, DateTimeOffset DeletableFrom, DateTimeOffset DeletableBy);
