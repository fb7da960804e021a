using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Quarantine;

/// <summary>
/// Brings images back from the quarantine (ECR's archive) to standard storage: each image asked for, with every archived
/// image that hangs on it (an index's children, its signatures), one UpdateImageStorageClass to STANDARD per image.
/// Each image asked for is pinned ("restored from quarantine") until a person removes the pin, so that the next
/// snapshots keep it; every image is audited; a job follows the restores until ECR reports them ACTIVE.
/// </summary>
public sealed class RestoreService(
    IDbContextFactory<CuratorDbContext> contexts, AwsConnections connections, IOptions<AwsOptions> aws, JobQueue queue, TimeProvider time)
{
    public const string PinReason = "restored from quarantine";

    /// <summary>Restores images of one repository (<c>account/region/name</c>).</summary>
    public async Task<RestoreResult> RestoreAsync(RepositoryKey repository, IReadOnlyCollection<string> digests, string actor, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor == AuditLog.System)
        {
            throw new RestoreException("A restore needs the name of the person who asks for it.");
        }

        if (digests.Count == 0)
        {
            throw new RestoreException("Name at least one image to restore.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var row = await db.Repositories.AsNoTracking()
                      .SingleOrDefaultAsync(r => r.AccountId == repository.AccountId && r.Region == repository.Region && r.Name == repository.Name, cancellation)
                  ?? throw new RestoreException($"There is no curated repository {repository}.");
        var ecr = new EcrClient(connections.Client(aws.Value.Target(repository.AccountId, repository.Region), AwsService.Ecr));
        var live = (await ecr.DescribeImagesAsync(repository.Name, cancellation)).ToDictionary(image => image.ImageDigest, StringComparer.Ordinal);
        var missing = digests.FirstOrDefault(digest => !live.ContainsKey(digest));
        if (missing is not null)
        {
            throw new RestoreException($"Repository {repository} has no image {missing} now; it cannot be restored.");
        }

        var stored = await db.Images.AsNoTracking().Where(image => image.RepositoryId == row.Id && image.GoneAt == null).ToListAsync(cancellation);
        var dependents = ImageDependencies.HangingOn([.. stored.Select(ToRecord)], digests).Where(live.ContainsKey);
        var images = digests.Distinct(StringComparer.Ordinal).Select(digest => (Digest: digest, Asked: true))
            .Concat(dependents.Select(digest => (Digest: digest, Asked: false))).ToList();
        var restoring = images.Where(image => live[image.Digest].ImageStatus == EcrStorage.Archived).Select(image => image.Digest).ToList();
        var answers = await RequestAsync(ecr, repository.Name, restoring, cancellation);

        var now = time.GetUtcNow();
        var target = repository.ToString();
        var statuses = images.ToDictionary(image => image.Digest, image => answers.GetValueOrDefault(image.Digest) ?? live[image.Digest].ImageStatus ?? EcrStorage.Active, StringComparer.Ordinal);
        var followed = statuses.Where(status => status.Value == EcrStorage.Activating).Select(status => status.Key).ToList();
        var quarantines = await db.Quarantines
            .Where(q => q.AccountId == repository.AccountId && q.Region == repository.Region && q.Repository == repository.Name && q.RestoreRequestedAt == null && q.DeletedAt == null)
            .ToListAsync(cancellation);
        foreach (var quarantine in quarantines.Where(q => statuses.ContainsKey(q.Digest)))
        {
            quarantine.RestoreRequestedAt = now;
            quarantine.RestoredBy = actor;
        }

        var pinned = await db.Pins.Where(pin => pin.AccountId == repository.AccountId && pin.Region == repository.Region && pin.Repository == repository.Name)
            .Select(pin => pin.Digest).ToListAsync(cancellation);
        foreach (var (digest, asked) in images)
        {
            if (asked && !pinned.Contains(digest))
            {
                db.Pins.Add(new PinRow { AccountId = repository.AccountId, Region = repository.Region, Repository = repository.Name, Digest = digest, Actor = actor, Reason = PinReason, CreatedAt = now });
                AuditLog.Record(db, actor, "pin.added", $"{target}@{digest}", new { reason = PinReason, expiresAt = (DateTimeOffset?)null }, row.Team, now);
            }

            AuditLog.Record(db, actor, "image.restore-requested", $"{target}@{digest}", new
            {
                status = statuses[digest], hangsOnRestored = !asked, tags = live[digest].ImageTags ?? [], sizeBytes = live[digest].ImageSizeInBytes,
            }, row.Team, now);
        }

        await db.SaveChangesAsync(cancellation);
        await db.Images.Where(image => image.RepositoryId == row.Id && image.GoneAt == null && followed.Contains(image.Digest))
            .ExecuteUpdateAsync(setters => setters.SetProperty(image => image.Status, EcrStorage.Activating), cancellation);
        if (followed.Count > 0)
        {
            queue.FollowRestores(repository, followed);
        }

        return new RestoreResult(repository, statuses);
    }

    /// <summary>Restores what a proposal's execution quarantined and is still in quarantine.</summary>
    public async Task<RestoreResult> RestoreExecutionAsync(long proposalId, string actor, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var quarantined = await db.Quarantines.AsNoTracking()
            .Where(quarantine => quarantine.ProposalId == proposalId && quarantine.RestoreRequestedAt == null && quarantine.DeletedAt == null)
            .ToListAsync(cancellation);
        if (quarantined.Count == 0)
        {
            throw new RestoreException($"Proposal {proposalId}'s execution has nothing in quarantine to restore.");
        }

        var first = quarantined[0];
        return await RestoreAsync(new RepositoryKey(first.AccountId, first.Region, first.Repository), [.. quarantined.Select(quarantine => quarantine.Digest)], actor, cancellation);
    }

    /// <summary>One UpdateImageStorageClass to STANDARD per image, a bounded number under way at once; the status ECR answered each.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RequestAsync(EcrClient ecr, string repository, IReadOnlyList<string> digests, CancellationToken cancellation)
    {
        var answers = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, aws.Value.Aws.MaxConcurrency), CancellationToken = cancellation };
        await Parallel.ForEachAsync(digests, parallel, async (digest, token) =>
        {
            var answer = await ecr.UpdateImageStorageClassAsync(repository, digest, EcrStorage.Standard, token);
            answers[digest] = answer.ImageStatus ?? EcrStorage.Activating;
        });
        return answers;
    }

    private static ImageRecord ToRecord(ImageRow image) => new()
    {
        Digest = image.Digest, Tags = image.Tags, PushedAt = image.PushedAt, Manifests = image.Manifests, Subject = image.Subject, MediaType = image.MediaType,
    };
}

/// <summary>What a restore asked ECR for: each image with its status then (ACTIVATING, or ACTIVE when it was active already).</summary>
public sealed record RestoreResult(RepositoryKey Repository, IReadOnlyDictionary<string, string> Statuses);

/// <summary>A restore that cannot be made, with a message for the person who asked.</summary>
public sealed class RestoreException(string message) : Exception(message);
