using System.Net;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Settings;

[Collection(AwsEnvironmentCollection.Name)]
public class JobsDashboardTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyAnAdminOpensTheJobDashboardAndTheSettings()
    {
        await using var app = await DashboardApp.StartAsync(DashboardApp.SmallWorld with { Repositories = 3, Services = 2 });

        using (var admin = await HttpSignIn.SignedInClientAsync(app, "ada", "Admin"))
        {
            using var jobs = await admin.GetAsync("/jobs", Cancellation);
            Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
            Assert.Contains("ECR Curator · jobs", await jobs.Content.ReadAsStringAsync(Cancellation));
            using var recurring = await admin.GetAsync("/jobs/recurring", Cancellation);
            Assert.Contains("nightly-snapshot", await recurring.Content.ReadAsStringAsync(Cancellation));

            var settings = await admin.GetStringAsync("/settings", Cancellation);
            Assert.Contains("data-testid=\"kill-switch\"", settings);
            Assert.Contains("data-testid=\"default-policy\"", settings);
            Assert.Contains("href=\"jobs\"", settings);
            Assert.DoesNotContain("data-testid=\"page-error\"", settings);
        }

        foreach (var (user, role) in new[] { ("ben", "Curator"), ("daniel", "Viewer") })
        {
            using var client = await HttpSignIn.SignedInClientAsync(app, user, role);
            using var jobs = await client.GetAsync("/jobs", Cancellation);
            Assert.Equal(HttpStatusCode.Redirect, jobs.StatusCode);
            Assert.StartsWith("/denied", jobs.Headers.Location!.PathAndQuery);
            using var settings = await client.GetAsync("/settings", Cancellation);
            Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        }

        using var anonymous = await HttpSignIn.SignedInClientAsync(app, null);
        using var unsigned = await anonymous.GetAsync("/jobs/recurring", Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.StartsWith("/signin", unsigned.Headers.Location!.PathAndQuery);
    }
}
