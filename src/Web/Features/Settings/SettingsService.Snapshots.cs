using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Settings;

/// <summary>
/// A snapshot running now, if any, with how far it is; whether one was requested and waits for a job server; and the
/// last one that finished.
/// </summary>
public sealed record SnapshotState(
    DateTimeOffset? RunningSince, string? RunningBy, DateTimeOffset? LastFinishedAt, string? LastStatus, bool Requested = false, SnapshotProgress? Progress = null)
{
    /// <summary>Something to follow: requested, or running.</summary>
    public bool UnderWay => Requested || RunningSince is not null;
}

public sealed partial class SettingsService
{
    /// <param name="requestedJob">The job of a snapshot this person requested, if any: until the snapshot it starts is
    /// running, the request is under way while that job waits or runs (as it is picked up, it is neither queued nor
    /// processing for a moment).</param>
    public async Task<SnapshotState> GetSnapshotStateAsync(string? requestedJob = null, CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the snapshots");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var running = await RunningAsync(db, cancellation);
        var last = await db.Snapshots.AsNoTracking()
            .Where(snapshot => snapshot.FinishedAt != null)
            .OrderByDescending(snapshot => snapshot.Id)
            .Select(snapshot => new { snapshot.FinishedAt, snapshot.Status })
            .FirstOrDefaultAsync(cancellation);
        return running is { } now
            ? new SnapshotState(now.StartedAt, now.StartedBy, last?.FinishedAt, last?.Status, Progress: await SnapshotProgress.LatestAsync(_contexts, cancellation))
            : new SnapshotState(null, null, last?.FinishedAt, last?.Status, Requested: (requestedJob is not null && jobs.IsWaitingOrRunning(requestedJob)) || jobs.SnapshotWaitingOrRunning());
    }

    /// <summary>Starts a snapshot now on a job server, unless one is running or waiting to run.</summary>
    /// <returns>The job's id.</returns>
    public async Task<string> RequestSnapshotAsync(CancellationToken cancellation = default)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, "take a snapshot");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        if (await RunningAsync(db, cancellation) is { } running)
        {
            throw new DashboardException($"A snapshot is already running (started by {running.StartedBy} at {running.StartedAt:yyyy-MM-dd HH:mm} UTC); wait until it has finished.");
        }

        if (jobs.SnapshotWaitingOrRunning())
        {
            throw new DashboardException("A snapshot has been requested already and waits for a job server; wait until it has run.");
        }

        var job = jobs.QueueSnapshot(actor);
        AuditLog.Record(db, actor, "snapshot.requested", "snapshot", new { job }, at: time.GetUtcNow());
        await db.SaveChangesAsync(cancellation);
        return job;
    }

    private async Task<(DateTimeOffset StartedAt, string StartedBy)?> RunningAsync(CuratorDbContext db, CancellationToken cancellation)
    {
        var alive = time.GetUtcNow() - SnapshotService.Abandoned;
        var running = await db.Snapshots.AsNoTracking()
            .Where(snapshot => snapshot.Status == SnapshotStatus.Running && snapshot.StartedAt > alive)
            .OrderBy(snapshot => snapshot.Id)
            .Select(snapshot => new { snapshot.StartedAt, snapshot.StartedBy })
            .FirstOrDefaultAsync(cancellation);
        return running is null ? null : (running.StartedAt, running.StartedBy);
    }
}
