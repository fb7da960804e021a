using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Quarantine;

/// <summary>
/// One look at images being restored: those ECR reports ACTIVE are marked so (the page stops showing ACTIVATING, the
/// quarantine record is closed) and audited once; those no longer there are left to the next snapshot.
/// </summary>
public sealed class RestoreProgress(IDbContextFactory<CuratorDbContext> contexts, AwsConnections connections, IOptions<AwsOptions> aws, TimeProvider time)
{
    /// <returns>The digests still being restored.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(RepositoryKey repository, IReadOnlyList<string> digests, CancellationToken cancellation)
    {
        var ecr = new EcrClient(connections.Client(aws.Value.Target(repository.AccountId, repository.Region), AwsService.Ecr));
        var live = await DescribeAsync(ecr, repository.Name, digests, cancellation);
        var active = live.Where(image => image.ImageStatus is null or EcrStorage.Active).ToList();
        if (active.Count > 0)
        {
            await MarkActiveAsync(repository, active, cancellation);
        }

        return [.. live.Where(image => image.ImageStatus == EcrStorage.Activating).Select(image => image.ImageDigest)];
    }

    /// <summary>The images of these digests that are still there (one missing fails DescribeImages whole: then one by one).</summary>
    private static async Task<List<ImageDetail>> DescribeAsync(EcrClient ecr, string repository, IReadOnlyList<string> digests, CancellationToken cancellation)
    {
        try
        {
            return await ecr.DescribeImagesAsync(repository, digests, cancellation);
        }
        catch (AwsException error) when (error.Code == "ImageNotFoundException" && digests.Count > 1)
        {
            var found = new List<ImageDetail>();
            foreach (var digest in digests)
            {
                found.AddRange(await DescribeAsync(ecr, repository, [digest], cancellation));
            }

            return found;
        }
        catch (AwsException error) when (error.Code == "ImageNotFoundException")
        {
            return [];
        }
    }

    private async Task MarkActiveAsync(RepositoryKey repository, List<ImageDetail> active, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var digests = active.Select(image => image.ImageDigest).ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var row = await db.Repositories.AsNoTracking()
            .SingleAsync(r => r.AccountId == repository.AccountId && r.Region == repository.Region && r.Name == repository.Name, cancellation);
        var images = await db.Images.Where(image => image.RepositoryId == row.Id && image.GoneAt == null && digests.Contains(image.Digest) && image.Status != EcrStorage.Active)
            .ToListAsync(cancellation);
        var quarantines = await db.Quarantines
            .Where(q => q.AccountId == repository.AccountId && q.Region == repository.Region && q.Repository == repository.Name && digests.Contains(q.Digest)
                        && q.RestoreRequestedAt != null && q.RestoredAt == null)
            .ToListAsync(cancellation);
        foreach (var detail in active)
        {
            var image = images.FirstOrDefault(image => image.Digest == detail.ImageDigest);
            var open = quarantines.Where(q => q.Digest == detail.ImageDigest).ToList();
            if (image is null && open.Count == 0)
            {
                continue; // seen already
            }

            if (image is not null)
            {
                image.Status = EcrStorage.Active;
                image.LastActivatedAt = detail.LastActivatedAt ?? now;
            }

            open.ForEach(quarantine => quarantine.RestoredAt = detail.LastActivatedAt ?? now);
            AuditLog.Record(db, AuditLog.System, "image.restored", $"{repository}@{detail.ImageDigest}", new { activatedAt = detail.LastActivatedAt }, row.Team, now);
        }

        await db.SaveChangesAsync(cancellation);
    }
}
