using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Approvals;

[Collection(AwsEnvironmentCollection.Name)]
public class ApprovalsServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APendingProposalIsShownWithItsFiguresSavingsAndCandidates()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();

        var overview = await service.PendingAsync(Cancellation);
        var pending = await Proposals.PendingAsync(service);
        var detail = await service.ProposalAsync(pending[0].Id, Cancellation);

        Assert.NotEmpty(overview.Teams);
        Assert.Equal(1, overview.ApprovalsRequired);
        Assert.Equal(overview.Teams.Sum(team => team.Proposals), pending.Count);
        Assert.All(overview.Teams, team => Assert.True(team.MonthlySavings >= 0));
        Assert.NotNull(detail);
        Assert.Equal(pending[0].Candidates, detail.Candidates.Count);
        Assert.Equal(pending[0].CandidateBytes, detail.Candidates.Sum(candidate => candidate.SizeBytes));
        Assert.Equal(ProposalStatus.Pending, detail.Status);
        Assert.False(detail.MayDecide);
        Assert.Equal(0, pending[0].Approvals);
        Assert.Equal(1, pending[0].ApprovalsRequired);
        Assert.Null(await service.ProposalAsync(999_999, Cancellation));
    }

    [Fact]
    public async Task APinnedCandidateIsMarkedWillBeSkippedAndLeavesTheProposalAndTeamCountsAtOnce()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(service)).First(each => each.Candidates >= 2);
        var before = (await service.ProposalAsync(proposal.Id, Cancellation))!;
        var team = (await service.PendingAsync(Cancellation)).Teams.Single(each => each.Team == before.Team);
        var pinned = before.Candidates[0];
        Assert.All(before.Candidates, candidate => Assert.Null(candidate.Held));

        await PinAsync(scope, proposal.Repository, pinned.Digest);

        var detail = (await service.ProposalAsync(proposal.Id, Cancellation))!;
        Assert.Equal(HeldBy.Pin, detail.Candidates.Single(candidate => candidate.Digest == pinned.Digest).Held);
        var held = detail.Candidates.Where(candidate => candidate.Held is not null).ToList();
        Assert.Equal((proposal.Candidates - held.Count, proposal.CandidateBytes - held.Sum(candidate => candidate.SizeBytes)), (detail.CandidateCount, detail.CandidateBytes));
        var listed = (await Proposals.PendingAsync(service, before.Team)).Single(each => each.Id == proposal.Id);
        Assert.Equal(detail.CandidateCount, listed.Candidates);
        var after = (await service.PendingAsync(Cancellation)).Teams.Single(each => each.Team == before.Team);
        Assert.Equal((team.Candidates - held.Count, team.CandidateBytes - held.Sum(candidate => candidate.SizeBytes)), (after.Candidates, after.CandidateBytes));
    }

    [Fact]
    public async Task AnExecutionsDeletedImagesLeaveTheRepositoryPageAtOnceAndASkippedOneSaysWhy()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var repositories = scope.ServiceProvider.GetRequiredService<RepositoryService>();
        var (proposal, repositoryId, pinned) = await TopLevelCandidateAsync(service, repositories);
        var candidates = (await service.ProposalAsync(proposal.Id, Cancellation))!.Candidates;
        await PinAsync(scope, proposal.Repository, pinned);
        var before = (await repositories.GetAsync(repositoryId, Cancellation))!;
        var held = (await service.ProposalAsync(proposal.Id, Cancellation))!.Candidates.Count(candidate => candidate.Held is not null);

        await service.ApproveAsync(proposal.Id, null, [], Cancellation);
        var execution = await Proposals.WaitForExecutionAsync(service, proposal.Id);

        Assert.Equal((candidates.Count, candidates.Count), (execution.Done, execution.Total));
        var deleted = execution.Outcomes.Where(outcome => outcome.Outcome == Outcomes.Deleted).Select(outcome => outcome.Digest).ToHashSet();
        Assert.Equal(candidates.Count - held, deleted.Count);
        var listed = Flatten((await repositories.ImagesAsync(repositoryId, new ImageQuery(PageSize: RepositoryService.MaxPageSize), Cancellation)).Images).ToList();
        Assert.DoesNotContain(listed, line => deleted.Contains(line.Digest));
        var kept = Assert.Single(listed, line => line.Digest == pinned);
        Assert.Equal(Outcomes.SkippedPinned, kept.Outcome?.Outcome);
        Assert.Equal(proposal.Id, kept.Outcome?.Proposal);
        var after = (await repositories.GetAsync(repositoryId, Cancellation))!;
        Assert.Equal(before.ImageCount - deleted.Count, after.ImageCount);
        Assert.Equal(before.CandidateCount - deleted.Count, after.CandidateCount); // the pinned one had left the figures at once

        static IEnumerable<ImageLine> Flatten(IEnumerable<ImageLine> lines) => lines.SelectMany(line => Flatten(line.Dependents).Prepend(line));
    }

    /// <summary>A pending proposal with two candidates or more, one of them a top-level image with nothing hanging on it.</summary>
    private static async Task<(PendingProposal Proposal, long RepositoryId, string Digest)> TopLevelCandidateAsync(ApprovalsService service, RepositoryService repositories)
    {
        foreach (var proposal in (await Proposals.PendingAsync(service)).Where(each => each.Candidates >= 2))
        {
            var parts = proposal.Repository.Split('/', 3);
            var id = (await repositories.IdOfAsync(new Domain.RepositoryKey(parts[0], parts[1], parts[2]), Cancellation))!.Value;
            var lines = (await repositories.ImagesAsync(id, new ImageQuery(PageSize: RepositoryService.MaxPageSize, Decision: DecisionFilter.Delete), Cancellation)).Images;
            if (lines.FirstOrDefault(line => line.Dependents.Count == 0) is { } line)
            {
                return (proposal, id, line.Digest);
            }
        }

        throw new InvalidOperationException("The dashboard's world has no pending proposal with a plain top-level candidate.");
    }

    /// <summary>Pins an image of a repository named <c>account/region/name</c>; returns the repository's id.</summary>
    private static async Task<long> PinAsync(AsyncServiceScope scope, string repository, string digest)
    {
        var parts = repository.Split('/', 3);
        await scope.ServiceProvider.GetRequiredService<PinsService>().PinAsync(parts[0], parts[1], parts[2], digest, "rollback target", null, Cancellation);
        return (await scope.ServiceProvider.GetRequiredService<RepositoryService>().IdOfAsync(new Domain.RepositoryKey(parts[0], parts[1], parts[2]), Cancellation))!.Value;
    }

    [Fact]
    public async Task ApprovingWithOneImageExcludedExecutesTheRestAndKeepsTheExcludedImage()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(service)).First(each => each.Candidates >= 2);
        var detail = (await service.ProposalAsync(proposal.Id, Cancellation))!;
        var excluded = detail.Candidates[0].Digest;
        Assert.True(detail.MayDecide);

        var result = await service.ApproveAsync(proposal.Id, "tidy up", [excluded], Cancellation);
        var execution = await Proposals.WaitForExecutionAsync(service, proposal.Id);

        Assert.Equal(ApprovalResult.Approved, result);
        Assert.Equal(ProposalStatus.Executed, execution.Status);
        Assert.Equal(detail.Candidates.Count - 1, execution.Total);
        Assert.Equal(execution.Total, execution.Done);
        Assert.Equal(Outcomes.Excluded, Assert.Single(execution.Outcomes, outcome => outcome.Digest == excluded).Outcome);
        var deleted = execution.Outcomes.Where(outcome => outcome.Digest != excluded).ToList();
        Assert.All(deleted, outcome => Assert.Equal(Outcomes.Deleted, outcome.Outcome));
        var left = await Proposals.DigestsInWorldAsync(app, proposal.Repository);
        Assert.Contains(excluded, left);
        Assert.All(deleted, outcome => Assert.DoesNotContain(outcome.Digest, left));
        Assert.Equal(deleted.Sum(outcome => outcome.SizeBytes), execution.DeletedBytes);
        Assert.Equal([excluded], (await service.ProposalAsync(proposal.Id, Cancellation))!.Excluded);
        var listed = Assert.Single(await service.ExecutionsAsync(Cancellation));
        Assert.Equal((proposal.Id, ProposalStatus.Executed, execution.Total, execution.Total), (listed.Id, listed.Status, listed.Done, listed.Total));
        Assert.Equal(1, await Proposals.CountAsync(app, $"SELECT count(*) FROM audit_entries WHERE action = 'proposal.approved' AND actor = 'ben' AND team IS NOT NULL AND details->>'comment' = 'tidy up'"));
        Assert.Equal(1, await Proposals.CountAsync(app, $"SELECT count(*) FROM audit_entries WHERE action = 'execution.finished' AND actor = 'ben' AND target = '{proposal.Repository}'"));
    }

    [Fact]
    public async Task RejectingWithACommentLeavesEveryImageAndRecordsWhoAndWhy()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(service))[0];

        await service.RejectAsync(proposal.Id, "  still needed by the batch jobs  ", Cancellation);

        var detail = (await service.ProposalAsync(proposal.Id, Cancellation))!;
        Assert.Equal(ProposalStatus.Rejected, detail.Status);
        var decision = Assert.Single(detail.Decisions);
        Assert.Equal(new ApprovalView("ben", false, "still needed by the batch jobs", decision.At), decision);
        Assert.DoesNotContain(proposal.Id, (await Proposals.PendingAsync(service)).Select(each => each.Id));
        Assert.Superset(detail.Candidates.Select(candidate => candidate.Digest).ToHashSet(), (await Proposals.DigestsInWorldAsync(app, proposal.Repository)).ToHashSet());
        Assert.Equal(1, await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries WHERE action = 'proposal.rejected' AND actor = 'ben' AND details->>'comment' = 'still needed by the batch jobs'"));
    }

    [Fact]
    public async Task ApprovingAllOfATeamApprovesEachOfItsPendingProposalsWithTheCommentAndNoOtherTeams()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var teams = (await service.PendingAsync(Cancellation)).Teams;
        var team = teams.First(each => each.Proposals >= 2);
        var ours = await Proposals.PendingAsync(service, team.Team);
        var others = (await Proposals.PendingAsync(service)).Count - ours.Count;

        var result = await service.ApproveTeamAsync(team.Team, "weekly clean-up", Cancellation);
        foreach (var proposal in ours)
        {
            await Proposals.WaitForExecutionAsync(service, proposal.Id);
        }

        Assert.Equal(new TeamApproval(ours.Count, 0, []), result with { Refused = [] });
        Assert.Empty(result.Refused);
        Assert.Empty(await Proposals.PendingAsync(service, team.Team));
        Assert.Equal(others, (await Proposals.PendingAsync(service)).Count);
        Assert.Equal(ours.Count, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE actor = 'ben' AND approved AND comment = 'weekly clean-up'"));
        Assert.Equal(ours.Count, await Proposals.CountAsync(app, $"SELECT count(*) FROM audit_entries WHERE action = 'proposal.approved' AND actor = 'ben' AND team = '{team.Team}'"));
    }

    [Fact]
    public async Task ApprovingAllOfATeamShowsItsProposalsAndRecentlyPulledCandidatesFirstAndLeavesAnExcludedProposalPending()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var team = (await service.PendingAsync(Cancellation)).Teams.First(each => each.Proposals >= 2);
        var ours = await Proposals.PendingAsync(service, team.Team);
        var left = ours[^1];
        var pulled = (await service.ProposalAsync(ours[0].Id, Cancellation))!.Candidates[0].Digest;
        await WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE proposal_candidates SET last_pulled_at = now() - interval '2 days' WHERE proposal_id = {ours[0].Id} AND digest = '{pulled}'");

        var preview = await service.TeamApprovalPreviewAsync(team.Team, Cancellation);
        var result = await service.ApproveTeamAsync(team.Team, null, Cancellation, [left.Id]);
        foreach (var proposal in ours.Where(proposal => proposal.Id != left.Id))
        {
            await Proposals.WaitForExecutionAsync(service, proposal.Id);
        }

        Assert.Equal(ours.Select(proposal => proposal.Id).Order(), preview.Proposals.Select(proposal => proposal.Id).Order());
        Assert.Contains(preview.RecentlyPulled, candidate => candidate.ProposalId == ours[0].Id && candidate.Digest == pulled);
        Assert.All(preview.RecentlyPulled, candidate => Assert.True(candidate.LastPulledAt >= DateTimeOffset.UtcNow.AddDays(-7)));
        Assert.Equal((ours.Count - 1, 0), (result.Approved, result.Waiting));
        Assert.Equal([left.Id], (await Proposals.PendingAsync(service, team.Team)).Select(proposal => proposal.Id));
        Assert.Equal(0, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE proposal_id = {left.Id}"));
    }

    [Fact]
    public async Task WhenTwoApprovalsAreRequiredTheFirstWaitsTheSamePersonIsRefusedAndAnotherPersonCompletesIt()
    {
        await using var app = await DashboardApp.StartAsync();
        await WebTestDatabase.ExecuteAsync(app.Database, "UPDATE settings SET approvals_required = 2");
        await using var ben = app.As("ben", CuratorRoles.Curator);
        await using var chiara = app.As("chiara", CuratorRoles.Admin);
        var asBen = ben.ServiceProvider.GetRequiredService<ApprovalsService>();
        var asChiara = chiara.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(asBen))[0];

        var first = await asBen.ApproveAsync(proposal.Id, null, [], Cancellation);
        var waiting = (await asBen.ProposalAsync(proposal.Id, Cancellation))!;
        var again = await Assert.ThrowsAsync<ApprovalException>(() => asBen.ApproveAsync(proposal.Id, null, [], Cancellation));
        var row = (await Proposals.PendingAsync(asBen)).Single(each => each.Id == proposal.Id);
        var second = await asChiara.ApproveAsync(proposal.Id, "second pair of eyes", [], Cancellation);
        var execution = await Proposals.WaitForExecutionAsync(asChiara, proposal.Id);

        Assert.Equal(ApprovalResult.WaitingForAnotherApprover, first);
        Assert.Equal((ProposalStatus.Pending, 1, 2, true), (waiting.Status, waiting.Approvals, waiting.ApprovalsRequired, waiting.ApprovedByMe));
        Assert.Contains("ben has already approved", again.Message);
        Assert.Equal((1, 2), (row.Approvals, row.ApprovalsRequired));
        Assert.Equal(ApprovalResult.Approved, second);
        Assert.Equal(ProposalStatus.Executed, execution.Status);
        Assert.Equal(2, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE proposal_id = {proposal.Id} AND approved"));
    }

    [Fact]
    public async Task ACuratorNamedSystemCannotApproveAlone()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        await WebTestDatabase.ExecuteAsync(app.Database, "UPDATE settings SET approvals_required = 2");
        await using var ben = app.As("ben", CuratorRoles.Viewer);
        var proposal = (await Proposals.PendingAsync(ben.ServiceProvider.GetRequiredService<ApprovalsService>()))[0];

        foreach (var name in (string[])["system", "System ", "cli:ops"])
        {
            // As a session carrying the name would be: the sign-ins refuse it, and a session that has it gets no role.
            await using var impostor = app.As(name, CuratorRoles.Admin);
            var service = impostor.ServiceProvider.GetRequiredService<ApprovalsService>();
            await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveAsync(proposal.Id, null, [], Cancellation));
        }

        Assert.Equal(0, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals"));
        Assert.Equal(0, await Proposals.CountAsync(app, "SELECT count(*) FROM proposals WHERE status <> 'Pending'"));
    }

    [Fact]
    public async Task ASupersededProposalCannotBeApprovedOrRejected()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(service))[0];
        await WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE proposals SET status = 'Superseded' WHERE id = {proposal.Id}");

        var approve = await Assert.ThrowsAsync<ApprovalException>(() => service.ApproveAsync(proposal.Id, null, [], Cancellation));
        var reject = await Assert.ThrowsAsync<ApprovalException>(() => service.RejectAsync(proposal.Id, null, Cancellation));

        Assert.Contains("superseded", approve.Message);
        Assert.Contains("superseded", reject.Message);
        Assert.Equal(ProposalStatus.Superseded, (await service.ProposalAsync(proposal.Id, Cancellation))!.Status);
        Assert.Equal(0, await Proposals.CountAsync(app, $"SELECT count(*) FROM approvals WHERE proposal_id = {proposal.Id}"));
    }

    [Fact]
    public async Task ApprovingWithEveryImageExcludedIsRefusedAsDeletingNothing()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var proposal = (await Proposals.PendingAsync(service))[0];
        var detail = (await service.ProposalAsync(proposal.Id, Cancellation))!;

        var refused = await Assert.ThrowsAsync<DashboardException>(() =>
            service.ApproveAsync(proposal.Id, null, [.. detail.Candidates.Select(candidate => candidate.Digest)], Cancellation));

        Assert.Contains("reject it instead", refused.Message);
        Assert.Equal(ProposalStatus.Pending, (await service.ProposalAsync(proposal.Id, Cancellation))!.Status);
    }

    [Fact]
    public async Task AViewerIsRefusedApprovingRejectingAndApprovingATeamAndNothingChanges()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var service = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
        var pending = await Proposals.PendingAsync(service);
        var team = (await service.PendingAsync(Cancellation)).Teams[0].Team;
        var audit = await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries");

        var approve = await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveAsync(pending[0].Id, null, [], Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => service.RejectAsync(pending[0].Id, null, Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => service.ApproveTeamAsync(team, null, Cancellation));

        Assert.Contains("daniel is signed in as Viewer", approve.Message);
        Assert.Equal(pending.Select(each => each.Id), (await Proposals.PendingAsync(service)).Select(each => each.Id));
        Assert.Equal(0, await Proposals.CountAsync(app, "SELECT count(*) FROM approvals"));
        Assert.Equal(audit, await Proposals.CountAsync(app, "SELECT count(*) FROM audit_entries"));
    }
}
