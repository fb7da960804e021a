using System.Globalization;
using System.Net;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Features.Approvals;
using EcrCurator.Web.Tests.Features.History;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features;

/// <summary>The repositories and the proposals as CSV, like the audit log: for everyone signed in, filtered like their pages.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class CsvExportsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViewerDownloadsOneTeamsRepositoriesWithTheirFiguresMostReclaimableFirst()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var repositories = scope.ServiceProvider.GetRequiredService<RepositoriesService>();
        var team = (await repositories.TeamsAsync(Cancellation))[0];
        var listed = (await repositories.PageAsync(new RepositoryPageRequest(new RepositoryFilter(Team: team), PageSize: 500), Cancellation)).Rows;
        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "daniel", "Viewer");

        using var response = await client.GetAsync(RepositoriesExport.Url(new RepositoryFilter(Team: team)), Cancellation);
        var rows = AuditExportTests.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment; filename=\"repositories-", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(RepositoriesExport.Header.Split(','), rows[0]);
        Assert.Equal(listed.Select(each => each.Name), rows.Skip(1).Select(row => row[2]));
        Assert.All(rows.Skip(1), row => Assert.Equal(team, row[3]));
        var first = listed[0];
        Assert.Equal(
            [first.AccountId, first.Region, first.Name, first.Team, first.Mode, first.Images.ToString(CultureInfo.InvariantCulture), first.ImageBytes.ToString(CultureInfo.InvariantCulture)],
            rows[1][..7]);
        Assert.Equal(first.ReclaimableBytes.ToString(CultureInfo.InvariantCulture), rows[1][9]);
    }

    [Fact]
    public async Task AViewerDownloadsEveryProposalWithItsStatusAndWhoDecidedItOrOnlyThoseInOneStatus()
    {
        await using var app = await DashboardApp.StartAsync();
        PendingProposal rejected;
        await using (var scope = app.As("ben", CuratorRoles.Curator))
        {
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalsService>();
            rejected = (await Proposals.PendingAsync(approvals))[0];
            await approvals.RejectAsync(rejected.Id, "still needed", Cancellation);
        }

        using var client = HttpSignIn.Client(app, out _);
        using var signedIn = await HttpSignIn.SignInAsync(client, "daniel", "Viewer");
        using var response = await client.GetAsync(ProposalsExport.Url(), Cancellation);
        var all = AuditExportTests.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        using var pendingResponse = await client.GetAsync(ProposalsExport.Url(status: ProposalStatus.Pending), Cancellation);
        var pending = AuditExportTests.Parse(await pendingResponse.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ProposalsExport.Header.Split(','), all[0]);
        Assert.Equal(await Proposals.CountAsync(app, "SELECT count(*) FROM proposals"), all.Count - 1);
        Assert.Equal(all.Skip(1).Select(row => long.Parse(row[0], CultureInfo.InvariantCulture)).OrderDescending(), all.Skip(1).Select(row => long.Parse(row[0], CultureInfo.InvariantCulture)));
        var row = Assert.Single(all, each => each[0] == rejected.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(rejected.Repository, $"{row[1]}/{row[2]}/{row[3]}");
        Assert.Equal((ProposalStatus.Rejected, "rejected:ben"), (row[5], row[14]));
        Assert.Equal(rejected.Candidates.ToString(CultureInfo.InvariantCulture), row[7]);
        Assert.Equal(await Proposals.CountAsync(app, "SELECT count(*) FROM proposals WHERE status = '" + ProposalStatus.Pending + "'"), pending.Count - 1);
        Assert.All(pending.Skip(1), each => Assert.Equal(ProposalStatus.Pending, each[5]));
    }

    [Fact]
    public async Task TheExportsAreRefusedToAnyoneNotSignedIn()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });
        using var client = HttpSignIn.Client(app, out _);

        foreach (var path in (string[])[RepositoriesExport.Path, ProposalsExport.Path])
        {
            using var response = await client.GetAsync(path, Cancellation);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
        }
    }
}
