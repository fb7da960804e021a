using System.Text.Json;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Settings;

/// <summary>The retention policies an Admin keeps in the database.</summary>
public partial class SettingsServiceTests
{
    [Fact]
    public async Task PoliciesAnAdminSavesDecideTheNextSnapshot()
    {
        await using var app = await DashboardApp.StartAsync();
        var teams = await CandidatesPerTeamAsync(app);
        var (excluded, other) = (teams.First(team => team.Value > 0).Key, teams.Last(team => team.Value > 0).Key);
        Assert.NotEqual(excluded, other);
        var autoRun = await app.QueryAsync(db => db.Repositories.Where(repository => repository.Team == other).OrderBy(repository => repository.Name).FirstAsync(Cancellation));

        await using (var scope = app.As("ada", CuratorRoles.Admin))
        {
            var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
            await service.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = excluded, Fields = new() { Excluded = true } }, Cancellation);
            await service.SavePolicyAsync(
                new PolicyEdit { Scope = PolicyScope.Repository, Repository = autoRun.Name, AccountId = autoRun.AccountId, Fields = new() { Mode = RetentionMode.AutoRun } }, Cancellation);
        }

        await app.SnapshotAsync();

        var after = await CandidatesPerTeamAsync(app);
        Assert.Equal(0, after[excluded]);
        Assert.Equal(teams[other], after[other]);
        var reasons = await app.QueryAsync(db => db.Images.Where(image => image.GoneAt == null)
            .Join(db.Repositories.Where(repository => repository.Team == excluded), image => image.RepositoryId, repository => repository.Id, (image, _) => image.Reasons)
            .ToListAsync(Cancellation));
        Assert.All(reasons, codes => Assert.Contains(ReasonCodes.Code(Reasons.Excluded), codes));
        Assert.Equal("AutoRun", await app.QueryAsync(db => db.Repositories.Where(repository => repository.Id == autoRun.Id).Select(repository => repository.Mode).SingleAsync(Cancellation)));
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Action == "policy.changed").OrderBy(entry => entry.Id).ToListAsync(Cancellation));
        Assert.Equal(["ada", "ada"], audit.Select(entry => entry.Actor));
        Assert.Equal($"policy/team/{excluded}", audit[0].Target);
        Assert.Equal(excluded, audit[0].Team);
        Assert.Equal(JsonValueKind.Null, Details(audit[0]).GetProperty("before").ValueKind);
        Assert.True(Details(audit[0]).GetProperty("after").GetProperty("excluded").GetBoolean());
        Assert.Equal($"policy/repository/{autoRun.AccountId}/*/{autoRun.Name}", audit[1].Target);
    }

    [Fact]
    public async Task ThePreviewOfATeamPolicyExcludingTheTeamCountsItsCandidatesAsKeptAndSavesNothing()
    {
        await using var app = await DashboardApp.StartAsync();
        var teams = await CandidatesPerTeamAsync(app);
        var team = teams.First(each => each.Value > 0).Key;
        var repositories = await app.QueryAsync(db => db.Repositories.CountAsync(repository => repository.Team == team && repository.CandidateCount > 0, Cancellation));
        var bytes = await app.QueryAsync(db => db.Repositories.Where(repository => repository.Team == team).SumAsync(repository => repository.CandidateBytes, Cancellation));
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();

        var impact = await service.PreviewPolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = team, Fields = new() { Excluded = true } }, Cancellation);

        Assert.Equal((repositories, 0, teams[team], bytes), (impact.Repositories, impact.ToDelete, impact.ToKeep, impact.BytesToKeep));
        Assert.True(impact.ImagesDecided > teams[team]);
        Assert.Equal(0, await app.QueryAsync(db => db.Policies.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task OnlyAnAdminPreviewsAPolicyChange()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() =>
            scope.ServiceProvider.GetRequiredService<SettingsService>().PreviewPolicyAsync(new PolicyEdit { Scope = PolicyScope.Default, Fields = new() { WindowDays = 1 } }, Cancellation));

        Assert.Contains("preview retention policy changes", refused.Message);
    }

    [Fact]
    public async Task ChangingAndRemovingAPolicyIsAuditedWithItsValuesBeforeAndAfter()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();

        var saved = await service.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Default, Fields = new() { WindowDays = 60, KeepTagPatterns = ["release-*"] } }, Cancellation);
        var edit = saved.ToEdit();
        edit.Fields.WindowDays = 90;
        var changed = await service.SavePolicyAsync(edit, Cancellation);
        await service.RemovePolicyAsync(changed.Id, changed.Version, Cancellation);

        var audit = await app.QueryAsync(db => db.AuditEntries.Where(entry => entry.Target == "policy/default").OrderBy(entry => entry.Id).ToListAsync(Cancellation));
        Assert.Equal(["policy.changed", "policy.changed", "policy.removed"], audit.Select(entry => entry.Action));
        Assert.All(audit, entry => Assert.Equal("ada", entry.Actor));
        Assert.Equal(60, Details(audit[1]).GetProperty("before").GetProperty("windowDays").GetInt32());
        Assert.Equal(90, Details(audit[1]).GetProperty("after").GetProperty("windowDays").GetInt32());
        Assert.Equal("release-*", Details(audit[1]).GetProperty("after").GetProperty("keepTagPatterns")[0].GetString());
        Assert.Equal(90, Details(audit[2]).GetProperty("before").GetProperty("windowDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, Details(audit[2]).GetProperty("after").ValueKind);
        Assert.Null((await service.GetPoliciesAsync(Cancellation)).Default);
    }

    [Fact]
    public async Task ATeamPolicyThatQuarantinesMakesItsCandidatesArchivesAndIsAuditedWithItsDays()
    {
        await using var app = await DashboardApp.StartAsync();
        var team = (await CandidatesPerTeamAsync(app)).First(each => each.Value > 0).Key;

        await using (var scope = app.As("ada", CuratorRoles.Admin))
        {
            await scope.ServiceProvider.GetRequiredService<SettingsService>().SavePolicyAsync(
                new PolicyEdit { Scope = PolicyScope.Team, Team = team, Fields = new() { Action = RetentionAction.Quarantine, QuarantineDays = 120 } }, Cancellation);
        }

        await app.SnapshotAsync();

        var actions = await app.QueryAsync(db => db.Images.Where(image => image.GoneAt == null && image.Decision == "delete")
            .Join(db.Repositories, image => image.RepositoryId, repository => repository.Id, (image, repository) => new { repository.Team, image.Action })
            .ToListAsync(Cancellation));
        Assert.All(actions.Where(each => each.Team == team), each => Assert.Equal("quarantine", each.Action));
        Assert.All(actions.Where(each => each.Team != team), each => Assert.Equal("delete", each.Action));
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(entry => entry.Action == "policy.changed", Cancellation));
        Assert.Equal(("Quarantine", 120), (Details(audit).GetProperty("after").GetProperty("action").GetString(), Details(audit).GetProperty("after").GetProperty("quarantineDays").GetInt32()));
        await using var viewer = app.As("vera", CuratorRoles.Viewer);
        var repository = await app.QueryAsync(db => db.Repositories.FirstAsync(row => row.Team == team, Cancellation));
        var policy = await viewer.ServiceProvider.GetRequiredService<EcrCurator.Web.Features.Repository.RepositoryService>().PolicyAsync(repository.Id, Cancellation);
        Assert.Equal((RetentionAction.Quarantine, PolicyLevel.Team), (policy.Single(setting => setting.Field == EcrCurator.Web.Features.Repository.PolicyField.Action).Value, policy.Single(setting => setting.Field == EcrCurator.Web.Features.Repository.PolicyField.Action).Origin));
    }

    [Fact]
    public async Task WhatAPolicyInheritsComesFromTheLevelsAboveIt()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 }, "--Curator:Policy:KeepNewest=2");
        await using var scope = app.As("ada", CuratorRoles.Admin);
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var repository = await app.QueryAsync(db => db.Repositories.OrderBy(row => row.Id).FirstAsync(Cancellation));
        await service.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Default, Fields = new() { WindowDays = 60 } }, Cancellation);
        var team = await service.SavePolicyAsync(new PolicyEdit { Scope = PolicyScope.Team, Team = repository.Team, Fields = new() { KeepNewest = 7 } }, Cancellation);

        var forDefault = await service.InheritedAsync(new PolicyEdit { Scope = PolicyScope.Default }, Cancellation);
        var forTeam = await service.InheritedAsync(team.ToEdit(), Cancellation);
        var forRepository = await service.InheritedAsync(new PolicyEdit { Scope = PolicyScope.Repository, Repository = repository.Name }, Cancellation);

        Assert.Equal((30, 2), (forDefault.WindowDays, forDefault.KeepNewest));
        Assert.Equal((60, 2), (forTeam.WindowDays, forTeam.KeepNewest));
        Assert.Equal((60, 7), (forRepository.WindowDays, forRepository.KeepNewest));
    }

    private static async Task<Dictionary<string, int>> CandidatesPerTeamAsync(DashboardApp app) =>
        await app.QueryAsync(db => db.Repositories.GroupBy(repository => repository.Team)
            .Select(team => new { team.Key, Candidates = team.Sum(repository => repository.CandidateCount) })
            .OrderBy(team => team.Key)
            .ToDictionaryAsync(team => team.Key, team => team.Candidates, Cancellation));
}
