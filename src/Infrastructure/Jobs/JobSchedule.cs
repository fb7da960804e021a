using EcrCurator.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs, with their stable ids, from the settings people change at run time.</summary>
public sealed class JobSchedule(IDbContextFactory<CuratorDbContext> contexts, IRecurringJobManager recurring) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync(cancellationToken);

    public async Task ApplyAsync(CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        var settings = await db.Settings.AsNoTracking().SingleAsync(cancellation);
        var nightly = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone) };
        recurring.AddOrUpdate<SnapshotJob>(SnapshotJob.RecurringId, job => job.RunAsync(AuditLog.System, CancellationToken.None), settings.SnapshotCron, nightly);
        recurring.AddOrUpdate<AuditVerificationJob>(AuditVerificationJob.RecurringId, job => job.RunAsync(CancellationToken.None), settings.SnapshotCron, nightly);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
