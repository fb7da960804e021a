using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Features.Reports;
using EcrCurator.Web.Features.Tokens;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Reports;

[Collection(AwsEnvironmentCollection.Name)]
public class ReportsServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOverviewNamesAnExpectedReporterGoneSilentAndSettingsShowsItSilent()
    {
        await using var app = await DashboardApp.StartAsync();
        await using (var admin = app.As("alice", CuratorRoles.Admin))
        {
            await admin.ServiceProvider.GetRequiredService<ReportsService>().ExpectAsync("eks/prod", 2, Cancellation);
        }

        await app.SnapshotAsync();

        await using var viewer = app.As("daniel", CuratorRoles.Viewer);
        var overview = await viewer.ServiceProvider.GetRequiredService<OverviewService>().GetAsync(Cancellation);
        Assert.Equal("Incomplete", overview.LastSnapshot!.Status);
        Assert.Contains(overview.LastSnapshot.IncompleteReasons, reason => reason.Contains("Expected reporter eks/prod", StringComparison.Ordinal));
        var reporter = Assert.Single(await viewer.ServiceProvider.GetRequiredService<ReportsService>().ReportersAsync(Cancellation));
        Assert.Equal(("eks/prod", TimeSpan.FromHours(2)), (reporter.Source, reporter.MaxAge!.Value));
        Assert.NotNull(reporter.Silence);
    }

    [Fact]
    public async Task OnlyAnAdminExpectsReportersOrManagesTokensAndOnlyAUsageReportTokenReports()
    {
        await using var app = await DashboardApp.StartAsync();
        await using var curator = app.As("ben", CuratorRoles.Curator);
        await using var admin = app.As("alice", CuratorRoles.Admin);

        await Assert.ThrowsAsync<AccessRefusedException>(() => curator.ServiceProvider.GetRequiredService<ReportsService>().ExpectAsync("eks/prod", 2, Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => curator.ServiceProvider.GetRequiredService<TokensService>().CreateAsync(new TokenRequest("x", ["read"], [], null), Cancellation));
        await Assert.ThrowsAsync<AccessRefusedException>(() => admin.ServiceProvider.GetRequiredService<ReportsService>().ReceiveAsync("eks/prod", [], 48, Cancellation));

        var tokens = admin.ServiceProvider.GetRequiredService<TokensService>();
        var token = await tokens.CreateAsync(new TokenRequest("deploy-care", ["pins:write", "read"], ["care"], 30), Cancellation);
        await tokens.RevokeAsync("deploy-care", Cancellation);
        var line = Assert.Single(await tokens.ListAsync(Cancellation));
        Assert.StartsWith("ecrc_", token, StringComparison.Ordinal);
        Assert.Equal(["pins:write", "read"], line.Scopes);
        Assert.Equal(["care"], line.Teams);
        Assert.Equal(("alice", false), (line.RevokedBy, line.Active));
        Assert.DoesNotContain(token.Split('_')[^1], await DumpAsync(app), StringComparison.Ordinal);
    }

    /// <summary>What the token table holds, as text: the secret must not be in it.</summary>
    private static async Task<string> DumpAsync(DashboardApp app)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.Database);
        await connection.OpenAsync(Cancellation);
        await using var command = new Npgsql.NpgsqlCommand("SELECT row_to_json(t)::text FROM api_tokens t", connection);
        return (string)(await command.ExecuteScalarAsync(Cancellation))!;
    }
}
