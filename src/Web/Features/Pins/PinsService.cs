using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Web.Features.Pins;

/// <summary>
/// Pins (SPEC 3.3): a pinned image is kept until the pin is removed or expires. Curators and Admins (and Curators of the repository's team) pin and unpin,
/// with a reason; both are audited with the person's name. Everyone signed in reads them.
/// </summary>
public sealed class PinsService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user, TimeProvider time)
{
    /// <returns>The pin's id.</returns>
    public async Task<long> PinAsync(string accountId, string region, string repository, string digest, string reason, DateTimeOffset? expiresAt, CancellationToken cancellation = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var actor = await user.RequireForTeamAsync(CuratorRoles.Curator, await OwningTeam.OfRepositoryAsync(db, accountId, region, repository, cancellation), "pin images");
        var teams = await user.TeamsAsync();
        var now = time.GetUtcNow();
        var why = reason?.Trim();
        expiresAt = expiresAt?.ToUniversalTime(); // PostgreSQL keeps instants: an expiry entered in Tokyo is stored in UTC
        if (string.IsNullOrEmpty(why))
        {
            throw new DashboardException("Say why the image must stay: a pin needs a reason.");
        }

        if (expiresAt <= now)
        {
            throw new DashboardException("A pin's expiry must be in the future; leave it empty for a pin that does not expire.");
        }

        var target = $"{accountId}/{region}/{repository}";
        var image = await ImageAsync(db, accountId, region, repository, digest, cancellation) is { } found && teams.Allows(found.Team)
            ? found
            : throw new NotFoundException($"{target} has no image {digest}; it may have gone since the last snapshot.");
        var pin = await db.Pins.SingleOrDefaultAsync(
            row => row.AccountId == accountId && row.Region == region && row.Repository == repository && row.Digest == digest, cancellation);
        if (pin is not null && (pin.ExpiresAt is null || pin.ExpiresAt > now))
        {
            throw Duplicate(pin.Actor, pin.Reason);
        }

        // An expired pin of the same image is renewed rather than kept beside a new one (one pin per image).
        pin ??= db.Pins.Add(new PinRow { AccountId = accountId, Region = region, Repository = repository, Digest = digest, Actor = actor, Reason = why }).Entity;
        (pin.Actor, pin.Reason, pin.CreatedAt, pin.ExpiresAt) = (actor, why, now, expiresAt);
        AuditLog.Record(db, actor, "pin.created", $"{target}@{digest}", new { repository = target, digest, tags = image.Tags, reason = why, expiresAt }, image.Team, now);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            await db.SaveChangesAsync(cancellation);
            await StandingDecisions.RestateAsync(db, image.RepositoryId, now, cancellation); // kept at once, out of open proposals' counts
            await transaction.CommitAsync(cancellation);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Duplicate(null, null);
        }

        return pin.Id;

        ConflictException Duplicate(string? by, string? because) => new(
            $"{ImageName(digest)} in {repository} is already pinned" + (by is null ? "" : $" by {by} ({because})") + "; remove that pin first to change it.");
    }

    public async Task UnpinAsync(long pinId, CancellationToken cancellation = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var pin = await db.Pins.SingleOrDefaultAsync(row => row.Id == pinId, cancellation);
        var team = pin is null ? null : await OwningTeam.OfRepositoryAsync(db, pin.AccountId, pin.Region, pin.Repository, cancellation);
        var actor = await user.RequireForTeamAsync(CuratorRoles.Curator, team, "remove pins");
        var teams = await user.TeamsAsync();
        if (pin is null || (!teams.IsEveryTeam && !teams.Allows(team)))
        {
            throw Gone();
        }

        var target = $"{pin.AccountId}/{pin.Region}/{pin.Repository}";
        var image = await ImageAsync(db, pin.AccountId, pin.Region, pin.Repository, pin.Digest, cancellation);
        var now = time.GetUtcNow();
        db.Pins.Remove(pin);
        AuditLog.Record(db, actor, "pin.removed", $"{target}@{pin.Digest}", new
        {
            repository = target,
            digest = pin.Digest,
            tags = image?.Tags ?? [],
            reason = pin.Reason,
            expiresAt = pin.ExpiresAt,
            pinnedBy = pin.Actor,
            pinnedAt = pin.CreatedAt,
        }, image?.Team, now);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            await db.SaveChangesAsync(cancellation);
            if (image is not null)
            {
                await StandingDecisions.RestateAsync(db, image.RepositoryId, now, cancellation); // a candidate the snapshot proposed is one again
            }

            await transaction.CommitAsync(cancellation);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Gone();
        }

        static NotFoundException Gone() => new("This pin has already been removed (by someone else, or in another window).");
    }

    public async Task<PinPage> ListAsync(PinQuery query, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read pins");
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var now = time.GetUtcNow();
        var pins = PinQueries.Filter(teams.Apply(PinQueries.Joined(db), pin => pin.Team), query, now);
        var total = await pins.CountAsync(cancellation);
        var page = await pins.OrderByDescending(pin => pin.Pin.CreatedAt).ThenBy(pin => pin.Pin.Id)
            .Skip(Math.Max(0, query.Page) * Math.Clamp(query.PageSize, 1, 500)).Take(Math.Clamp(query.PageSize, 1, 500))
            .Select(PinQueries.Line(now))
            .ToListAsync(cancellation);
        return new PinPage(page, total);
    }

    /// <returns>The pin, expired or not; null when there is none (in the teams the person may see).</returns>
    public async Task<PinLine?> GetAsync(long pinId, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read pins");
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await teams.Apply(PinQueries.Joined(db), pin => pin.Team).Where(pin => pin.Pin.Id == pinId)
            .Select(PinQueries.Line(time.GetUtcNow())).SingleOrDefaultAsync(cancellation);
    }

    /// <summary>The digest a tag of a repository names as of the last snapshot (what a deploy pipeline pins by tag).</summary>
    public async Task<string> DigestOfTagAsync(string accountId, string region, string repository, string tag, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read pins");
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var digests = await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team)
            .Where(row => row.AccountId == accountId && row.Region == region && row.Name == repository)
            .SelectMany(row => db.Images.Where(image => image.RepositoryId == row.Id && image.GoneAt == null && image.Tags.Contains(tag)).Select(image => image.Digest))
            .ToListAsync(cancellation);
        return digests is [var digest]
            ? digest
            : throw new NotFoundException($"{accountId}/{region}/{repository} has no image tagged {tag} in the last snapshot.");
    }

    /// <summary>The teams that have repositories, for the team filter.</summary>
    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "read pins");
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await teams.Apply(db.Repositories.AsNoTracking(), row => row.Team).Select(row => row.Team).Distinct().OrderBy(team => team).ToListAsync(cancellation);
    }

    private static async Task<PinnedImage?> ImageAsync(CuratorDbContext db, string accountId, string region, string repository, string digest, CancellationToken cancellation) =>
        await db.Repositories.AsNoTracking()
            .Where(row => row.AccountId == accountId && row.Region == region && row.Name == repository)
            .SelectMany(row => db.Images.Where(image => image.RepositoryId == row.Id && image.Digest == digest && image.GoneAt == null)
                .Select(image => new PinnedImage(row.Id, row.Team, image.Tags)))
            .SingleOrDefaultAsync(cancellation);

    private static string ImageName(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private sealed record PinnedImage(long RepositoryId, string Team, string[] Tags);
}
