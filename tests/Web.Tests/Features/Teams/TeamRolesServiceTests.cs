using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Quarantine;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Teams;

/// <summary>
/// A team-scoped Curator (an organisation-wide Viewer who is a Curator of one team) approves, rejects, pins, unpins and
/// restores their own team's repositories, and is refused on any other team's as a Viewer is: nothing changes, nothing is audited.
/// </summary>
[Collection(AwsEnvironmentCollection.Name)]
public class TeamRolesServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATeamCuratorApprovesRejectsAndApprovesAllOfTheirTeamAndIsRefusedOnAnotherTeamsProposals()
    {
        await using var app = await DashboardApp.StartAsync();
        var (mine, other) = await TwoTeamsAsync(app);
        await using var scope = app.As("erin", CuratorRoles.Viewer, new TeamRole(mine, CuratorRoles.Curator));
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var theirs = await Proposals.PendingAsync(service, other);
        var ours = await Proposals.PendingAsync(service, mine);
        var audit = await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries");

        var approve = await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveAsync(theirs[0].Id, null, [], Cancellation));
        var reject = await Assert.ThrowsAsync<AccessRefusedException>(() => service.RejectAsync(theirs[0].Id, null, Cancellation));
        var all = await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveTeamAsync(other, null, Cancellation));

        Assert.Contains("erin is signed in as Viewer (Curator of " + mine + ")", approve.Message);
        Assert.Contains("reject deletions", reject.Message);
        Assert.Contains("approve deletions", all.Message);
        Assert.False((await service.ProposalAsync(theirs[0].Id, Cancellation))!.MayDecide);
        Assert.Equal(0, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals"));
        Assert.Equal(audit, await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries"));
        Assert.Equal(theirs.Select(each => each.Id), (await Proposals.PendingAsync(service, other)).Select(each => each.Id));

        Assert.True((await service.ProposalAsync(ours[0].Id, Cancellation))!.MayDecide);
        await service.RejectAsync(ours[0].Id, "not yet", Cancellation);
        Assert.Equal(ApprovalResult.Approved, await service.ApproveAsync(ours[1].Id, null, [], Cancellation));
        var team = await service.ApproveTeamAsync(mine, "tidy", Cancellation);

        Assert.Equal(ours.Count - 2, team.Approved);
        Assert.Equal(ours.Count - 1, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals WHERE approved AND actor = 'erin'"));
        Assert.Equal(1, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals WHERE NOT approved AND actor = 'erin'"));
    }

    [Fact]
    public async Task ATeamCuratorPinsAndUnpinsInTheirTeamAndIsRefusedInAnotherTeam()
    {
        await using var app = await DashboardApp.StartAsync();
        var (mine, other) = await TwoTeamsAsync(app);
        var (ours, ourImages) = await ImagesAsync(app, mine);
        var (theirs, theirImages) = await ImagesAsync(app, other);
        await using var curator = app.As("ben", CuratorRoles.Curator);
        await using var erin = app.As("erin", CuratorRoles.Viewer, new TeamRole(mine, CuratorRoles.Curator));
        var theirPin = await Pins(curator).PinAsync(theirs.AccountId, theirs.Region, theirs.Name, theirImages[0], "kept for the audit", null, Cancellation);

        var pinning = await Assert.ThrowsAsync<AccessRefusedException>(() =>
            Pins(erin).PinAsync(theirs.AccountId, theirs.Region, theirs.Name, theirImages[1], "please", null, Cancellation));
        var unpinning = await Assert.ThrowsAsync<AccessRefusedException>(() => Pins(erin).UnpinAsync(theirPin, Cancellation));

        Assert.Contains("pin images", pinning.Message);
        Assert.Contains("remove pins", unpinning.Message);
        Assert.Equal([theirImages[0]], await ReadAsync(app, db => db.Pins.Select(row => row.Digest).ToListAsync(Cancellation)));
        Assert.Equal(0, await ReadAsync(app, db => db.AuditEntries.CountAsync(entry => entry.Actor == "erin", Cancellation)));

        var ourPin = await Pins(erin).PinAsync(ours.AccountId, ours.Region, ours.Name, ourImages[0], "release candidate", null, Cancellation);
        await Pins(erin).UnpinAsync(ourPin, Cancellation);

        Assert.Equal(["pin.created", "pin.removed"], await ReadAsync(app, db =>
            db.AuditEntries.Where(entry => entry.Actor == "erin").OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation)));
    }

    [Fact]
    public async Task ATeamCuratorIsRefusedRestoringAnotherTeamsImagesOrExecutionAndRestoresInTheirOwn()
    {
        await using var app = await DashboardApp.StartAsync();
        var (mine, other) = await TwoTeamsAsync(app);
        var (ours, ourImages) = await ImagesAsync(app, mine);
        var (theirs, theirImages) = await ImagesAsync(app, other);
        await using var erin = app.As("erin", CuratorRoles.Viewer, new TeamRole(mine, CuratorRoles.Curator));
        var service = erin.ServiceProvider.GetRequiredService<QuarantineService>();
        var theirProposal = (await Proposals.PendingAsync(erin.ServiceProvider.GetRequiredService<ApprovalsService>(), other))[0].Id;

        var images = await Assert.ThrowsAsync<AccessRefusedException>(() => service.RestoreAsync($"{theirs.AccountId}/{theirs.Region}/{theirs.Name}", [theirImages[0]], Cancellation));
        var execution = await Assert.ThrowsAsync<AccessRefusedException>(() => service.RestoreExecutionAsync(theirProposal, Cancellation));

        Assert.Contains("restore images from the quarantine", images.Message);
        Assert.Contains("erin is signed in as Viewer", execution.Message);

        Assert.Equal(0, await ReadAsync(app, db => db.AuditEntries.CountAsync(entry => entry.Actor == "erin", Cancellation)));
        Assert.Empty(await ReadAsync(app, db => db.Pins.ToListAsync(Cancellation)));

        // In their own team the restore goes through (an image not archived is only pinned, as for any Curator).
        var restored = await service.RestoreAsync($"{ours.AccountId}/{ours.Region}/{ours.Name}", [ourImages[0]], Cancellation);

        Assert.Equal([ourImages[0]], restored.Statuses.Keys);
        Assert.Equal(["pin.added", "image.restore-requested"], await ReadAsync(app, db =>
            db.AuditEntries.Where(entry => entry.Actor == "erin").OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation)));
    }

    [Fact]
    public async Task ATeamViewerRoleGivesNoChangeEvenInTheirOwnTeam()
    {
        await using var app = await DashboardApp.StartAsync();
        var (mine, _) = await TwoTeamsAsync(app);
        await using var scope = app.As("erin", CuratorRoles.Viewer, new TeamRole(mine, CuratorRoles.Viewer));
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var ours = await Proposals.PendingAsync(service, mine);

        await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveAsync(ours[0].Id, null, [], Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveTeamAsync(mine, null, Cancellation));

        Assert.Equal(0, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals"));
    }

    /// <summary>The team with the most pending proposals (at least 3), and another team with one.</summary>
    internal static async Task<(string Mine, string Other)> TwoTeamsAsync(DashboardApp app)
    {
        var teams = await ReadAsync(app, db => (from proposal in db.Proposals
                                                where proposal.Status == ProposalStatus.Pending
                                                join repository in db.Repositories on proposal.RepositoryId equals repository.Id
                                                group proposal by repository.Team into team
                                                orderby team.Count() descending, team.Key
                                                select new { team.Key, Count = team.Count() }).ToListAsync(Cancellation));
        Assert.True(teams.Count >= 2 && teams[0].Count >= 3, "the world has too few pending proposals: " + string.Join(", ", teams.Select(team => $"{team.Key} {team.Count}")));
        return (teams[0].Key, teams[1].Key);
    }

    /// <summary>A repository of the team with two top-level images at least.</summary>
    private static async Task<(RepositoryRow Repository, List<string> Digests)> ImagesAsync(DashboardApp app, string team) =>
        await ReadAsync(app, async db =>
        {
            foreach (var repository in await db.Repositories.Where(row => row.Team == team).OrderBy(row => row.Id).ToListAsync(Cancellation))
            {
                var digests = await db.Images.Where(row => row.RepositoryId == repository.Id && row.GoneAt == null && row.Manifests.Length == 0 && row.Subject == null)
                    .OrderBy(row => row.Id).Select(row => row.Digest).Take(2).ToListAsync(Cancellation);
                if (digests.Count == 2)
                {
                    return (repository, digests);
                }
            }

            throw new InvalidOperationException($"Team {team} has no repository with two images.");
        });

    private static PinsService Pins(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<PinsService>();

    private static async Task<T> ReadAsync<T>(DashboardApp app, Func<CuratorDbContext, Task<T>> read)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        return await read(db);
    }
}
