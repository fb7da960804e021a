using EcrCurator.Infrastructure.Snapshots;
using System.Text.Json;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Settings;

[Collection(AwsEnvironmentCollection.Name)]
public partial class SettingsServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheKillSwitchIsAuditedHoldsExecutionsAndResumesThemUnderTheirApproverWhenTurnedOff()
    {
        await using var app = await DashboardApp.StartAsync();
        var proposal = await app.QueryAsync(db => db.Proposals.Where(row => row.Status == ProposalStatus.Pending).OrderBy(row => row.Id).Select(row => row.Id).FirstAsync(Cancellation));
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();

        var on = await service.SetKillSwitchAsync(true, Cancellation);
        await app.App.Services.GetRequiredService<ApprovalService>().ApproveAsync(proposal, "ben", null, [], Cancellation);
        await WaitUntilAsync(async () => await app.QueryAsync(db => db.Proposals.Where(row => row.Id == proposal).Select(row => row.StatusReason).SingleAsync(Cancellation)) is not null);
        var held = await app.QueryAsync(db => db.Proposals.SingleAsync(row => row.Id == proposal, Cancellation));

        Assert.True(on.KillSwitch);
        Assert.Equal((ProposalStatus.Approved, ExecutionService.KillSwitchReason), (held.Status, held.StatusReason));
        Assert.Equal(0, await app.QueryAsync(db => db.ExecutionOutcomes.CountAsync(outcome => outcome.ProposalId == proposal, Cancellation)));
        var state = await service.GetKillSwitchAsync(Cancellation);
        Assert.Equal((true, "ada"), (state.On, state.ChangedBy));

        await service.SetKillSwitchAsync(false, Cancellation);

        var audit = await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "killswitch.changed").OrderBy(entry => entry.Id).ToListAsync(Cancellation));
        Assert.Equal(["ada", "ada"], audit.Select(entry => entry.Actor));
        Assert.Equal((false, true), (Details(audit[0]).GetProperty("before").GetBoolean(), Details(audit[0]).GetProperty("after").GetBoolean()));
        Assert.Equal((true, false), (Details(audit[1]).GetProperty("before").GetBoolean(), Details(audit[1]).GetProperty("after").GetBoolean()));
        Assert.Equal([proposal], Details(audit[1]).GetProperty("resumed").EnumerateArray().Select(id => id.GetInt64()));
        await WaitUntilAsync(async () => await app.QueryAsync(db => db.Proposals.Where(row => row.Id == proposal).Select(row => row.Status).SingleAsync(Cancellation)) is not (ProposalStatus.Approved or ProposalStatus.Executing));
        Assert.True(await app.QueryAsync(db => db.ExecutionOutcomes.CountAsync(outcome => outcome.ProposalId == proposal, Cancellation)) > 0);
        var resumed = await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "execution.started" || entry.Action == "execution.finished").Select(entry => entry.Actor).ToListAsync(Cancellation));
        Assert.Equal(["ben", "ben"], resumed);
    }

    [Fact]
    public async Task AScheduleChangeMovesTheRecurringSnapshotAtOnceEvenOnAWebOnlyServer()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, "--Curator:Jobs:RunServer=false");
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var values = await service.GetSettingsAsync(Cancellation);
        values.SnapshotCron = "30 2 * * 1-5";
        values.TimeZone = "Europe/Berlin";

        var saved = await service.SaveSettingsAsync(values, Cancellation);

        Assert.NotEqual(values.Version, saved.Version);
        using var jobs = app.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Assert.Single(jobs.GetRecurringJobs(), job => job.Id == SnapshotJob.RecurringId);
        Assert.Equal(("30 2 * * 1-5", "Europe/Berlin"), (recurring.Cron, recurring.TimeZoneId));
        Assert.Equal("Europe/Berlin", (await app.App.Services.GetRequiredService<DisplayZone>().GetAsync(Cancellation)).Zone.Id);
        var audit = Assert.Single(await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "settings.changed").ToListAsync(Cancellation)));
        Assert.Equal("ada", audit.Actor);
        var changes = Details(audit).GetProperty("changes");
        Assert.Equal(["snapshotCron", "timeZone"], changes.EnumerateObject().Select(change => change.Name).Order());
        Assert.Equal(("0 1 * * *", "30 2 * * 1-5"), (changes.GetProperty("snapshotCron").GetProperty("before").GetString(), changes.GetProperty("snapshotCron").GetProperty("after").GetString()));
        Assert.Equal(("Asia/Tokyo", "Europe/Berlin"), (changes.GetProperty("timeZone").GetProperty("before").GetString(), changes.GetProperty("timeZone").GetProperty("after").GetString()));
    }

    [Fact]
    public async Task WrongSettingsAndPoliciesAreRefusedNamingTheFieldAndChangeNothing()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var original = await service.GetSettingsAsync(Cancellation);
        var wrongSettings = new (Action<SettingsValues> Change, string Named)[]
        {
            (values => values.SnapshotCron = "every night", "SnapshotCron"),
            (values => values.SnapshotCron = "@daily", "SnapshotCron"),
            (values => values.SnapshotCron = "0 25 * * *", "SnapshotCron"),
            (values => values.TimeZone = "Mars/Olympus", "TimeZone"),
            (values => values.WindowStart = new TimeOnly(22, 0), "WindowStart and WindowEnd"),
            (values => (values.WindowStart, values.WindowEnd) = (new TimeOnly(3, 0), new TimeOnly(3, 0)), "WindowStart and WindowEnd"),
            (values => values.ApprovalsRequired = 3, "ApprovalsRequired"),
            (values => values.AutoRunMaxImageShare = 1.5m, "AutoRunMaxImageShare"),
            (values => values.AutoRunMaxGb = -1, "AutoRunMaxGb"),
        };
        var wrongPolicies = new (PolicyEdit Edit, string Named)[]
        {
            (new PolicyEdit { Scope = PolicyScope.Default, Fields = new() { WindowDays = 0 } }, "WindowDays"),
            (new PolicyEdit { Scope = PolicyScope.Team, Team = "care", Fields = new() { KeepNewest = -1 } }, "KeepNewest"),
            (new PolicyEdit { Scope = PolicyScope.Team, Team = "care", Fields = new() { KeepTagPatterns = ["release-*", "rel:ease"] } }, "KeepTagPatterns: 'rel:ease'"),
            (new PolicyEdit { Scope = PolicyScope.Team, Team = " " }, "Name the team"),
            (new PolicyEdit { Scope = PolicyScope.Repository }, "Name the repository"),
            (new PolicyEdit { Scope = PolicyScope.Repository, Repository = "care/api", AccountId = "1234" }, "AccountId '1234'"),
        };

        foreach (var (change, named) in wrongSettings)
        {
            var values = original.Copy();
            change(values);
            var refused = await Assert.ThrowsAsync<DashboardException>(() => service.SaveSettingsAsync(values, Cancellation));
            Assert.Contains(named, refused.Message);
        }

        foreach (var (edit, named) in wrongPolicies)
        {
            var refused = await Assert.ThrowsAsync<DashboardException>(() => service.SavePolicyAsync(edit, Cancellation));
            Assert.Contains(named, refused.Message);
        }

        Assert.Equal(original.Version, (await service.GetSettingsAsync(Cancellation)).Version);
        Assert.Equal(0, await app.QueryAsync(db => db.Policies.CountAsync(Cancellation)));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEntries.CountAsync(entry => entry.Actor == "ada", Cancellation)));
    }

    [Fact]
    public async Task ACuratorAndAViewerAreRefusedEveryChangeAndNothingChanges()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        StoredPolicy policy;
        await using (var admin = app.As("ada", CuratorRoles.Admin))
        {
            policy = await admin.ServiceProvider.GetRequiredService<SettingsService>().SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = "care", Fields = new() { KeepNewest = 3 } }, Cancellation);
        }

        var before = await app.QueryAsync(db => db.Settings.AsNoTracking().SingleAsync(Cancellation));
        foreach (var (name, role) in new[] { ("ben", CuratorRoles.Curator), ("daniel", CuratorRoles.Viewer) })
        {
            await using var scope = app.As(name, role);
            var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
            var values = await service.GetSettingsAsync(Cancellation);
            values.DryRun = true;
            var edit = policy.ToEdit();
            edit.Fields.KeepNewest = 9;

            var refusals = new Func<Task>[]
            {
                () => service.SavePolicyAsync(edit, Cancellation),
                () => service.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Default, Fields = new() { WindowDays = 5 } }, Cancellation),
                () => service.RemovePolicyAsync(policy.Id, policy.Version, Cancellation),
                () => service.SaveSettingsAsync(values, Cancellation),
                () => service.SetKillSwitchAsync(true, Cancellation),
                () => service.RequestSnapshotAsync(Cancellation),
            };
            foreach (var refusal in refusals)
            {
                var refused = await Assert.ThrowsAsync<AccessRefusedException>(refusal);
                Assert.Contains($"{name} is signed in as {role}", refused.Message);
            }
        }

        var after = await app.QueryAsync(db => db.Settings.AsNoTracking().SingleAsync(Cancellation));
        Assert.Equal((before.Version, false, false), (after.Version, after.DryRun, after.KillSwitch));
        var stored = Assert.Single(await app.QueryAsync(db => db.Policies.ToListAsync(Cancellation)));
        Assert.Equal((policy.Version, 3), (stored.Version, stored.KeepNewest));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEntries.CountAsync(entry => entry.Actor == "ben" || entry.Actor == "daniel", Cancellation)));
        Assert.Equal(1, await app.QueryAsync(db => db.Snapshots.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task AConcurrentEditIsReportedNotLost()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var ada = app.As("ada", CuratorRoles.Admin);
        await using var bob = app.As("bob", CuratorRoles.Admin);
        var adaService = ada.ServiceProvider.GetRequiredService<SettingsService>();
        var bobService = bob.ServiceProvider.GetRequiredService<SettingsService>();
        var policy = await adaService.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = "care", Fields = new() { KeepNewest = 3 } }, Cancellation);
        var (adaEdit, bobEdit) = (policy.ToEdit(), policy.ToEdit());
        (adaEdit.Fields.KeepNewest, bobEdit.Fields.KeepNewest) = (4, 5);
        var (adaValues, bobValues) = (await adaService.GetSettingsAsync(Cancellation), await bobService.GetSettingsAsync(Cancellation));
        (adaValues.ApprovalsRequired, bobValues.DryRun) = (2, true);

        var bobSaved = await bobService.SavePolicyAsync(bobEdit, Cancellation);
        await bobService.SaveSettingsAsync(bobValues, Cancellation);
        var policyConflict = await Assert.ThrowsAsync<EditConflictException>(() => adaService.SavePolicyAsync(adaEdit, Cancellation));
        var settingsConflict = await Assert.ThrowsAsync<EditConflictException>(() => adaService.SaveSettingsAsync(adaValues, Cancellation));
        var removeConflict = await Assert.ThrowsAsync<EditConflictException>(() => adaService.RemovePolicyAsync(policy.Id, policy.Version, Cancellation));

        Assert.StartsWith("bob changed the policy of team care at", policyConflict.Message);
        Assert.StartsWith("bob changed the settings at", settingsConflict.Message);
        Assert.StartsWith("bob changed the policy of team care at", removeConflict.Message);
        Assert.Equal(5, await app.QueryAsync(db => db.Policies.Select(row => row.KeepNewest).SingleAsync(Cancellation)));
        var settings = await app.QueryAsync(db => db.Settings.AsNoTracking().SingleAsync(Cancellation));
        Assert.Equal((true, 1, "bob"), (settings.DryRun, settings.ApprovalsRequired, settings.UpdatedBy));
        await bobService.RemovePolicyAsync(bobSaved.Id, bobSaved.Version, Cancellation);
        Assert.StartsWith("Someone removed the policy of team care", (await Assert.ThrowsAsync<EditConflictException>(() => adaService.SavePolicyAsync(adaEdit, Cancellation))).Message);
        Assert.Contains("exists already", (await Assert.ThrowsAsync<DashboardException>(async () =>
        {
            await adaService.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = "shop" }, Cancellation);
            await adaService.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = "shop " }, Cancellation);
        })).Message);
    }

    [Fact]
    public async Task TakingASnapshotNowEnqueuesAJobThatTakesItAndIsRefusedWhileOneRuns()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();

        var job = await service.RequestSnapshotAsync(Cancellation);

        using (var jobs = app.App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var data = jobs.GetJobData(job);
            Assert.Equal((typeof(SnapshotJob), nameof(SnapshotJob.RunAsync), "ada"), (data.Job.Type, data.Job.Method.Name, data.Job.Args[0]));
        }

        var audit = Assert.Single(await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "snapshot.requested").ToListAsync(Cancellation)));
        Assert.Equal("ada", audit.Actor);
        Assert.Equal(job, Details(audit).GetProperty("job").GetString());
        await WaitUntilAsync(async () => await app.QueryAsync(db => db.Snapshots.AnyAsync(snapshot => snapshot.StartedBy == "ada" && snapshot.Status != "Running", Cancellation)));
        Assert.Equal("Complete", (await service.GetSnapshotStateAsync(cancellation: Cancellation)).LastStatus);

        await app.QueryAsync(async db =>
        {
            db.Snapshots.Add(new SnapshotRow { StartedAt = DateTimeOffset.UtcNow, StartedBy = "carol" });
            return await db.SaveChangesAsync(Cancellation);
        });
        var refused = await Assert.ThrowsAsync<DashboardException>(() => service.RequestSnapshotAsync(Cancellation));
        Assert.StartsWith("A snapshot is already running (started by carol", refused.Message);
        Assert.Equal("carol", (await service.GetSnapshotStateAsync(cancellation: Cancellation)).RunningBy);
    }

    [Fact]
    public async Task ASnapshotRequestedButNotYetPickedUpAndThenRunningIsUnderWayTheRunningOneWithItsProgress()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, "--Curator:Jobs:RunServer=false");
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var before = await service.GetSnapshotStateAsync(cancellation: Cancellation);

        var job = await service.RequestSnapshotAsync(Cancellation);
        var requested = await service.GetSnapshotStateAsync(cancellation: Cancellation);
        var requestedByThisPerson = await service.GetSnapshotStateAsync(job, Cancellation);
        var started = await app.App.Services.GetRequiredService<SnapshotService>().StartAsync("ada", Cancellation);
        var running = await service.GetSnapshotStateAsync(cancellation: Cancellation);

        Assert.False(before.UnderWay);
        Assert.Equal("Complete", before.LastStatus);
        Assert.True(requested is { Requested: true, UnderWay: true, RunningSince: null, Progress: null });
        Assert.Equal(requested, requestedByThisPerson);
        Assert.True(running is { UnderWay: true, RunningBy: "ada" });
        Assert.Equal(new SnapshotProgress(started.Id, "Running", 0, 2, 0, 0), running.Progress);
    }

    private static JsonElement Details(AuditEntryRow entry) => JsonDocument.Parse(entry.Details).RootElement;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold within 90 seconds.");
            await Task.Delay(250, Cancellation);
        }
    }
}
