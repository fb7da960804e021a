using System.Net.Http.Headers;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Api;

/// <summary>Tokens made with the <c>token</c> command against a running app's database, and HTTP clients that present them.</summary>
public static class ApiClient
{
    /// <returns>The token the command printed alone on its last line.</returns>
    public static string CreateToken(DashboardApp app, string name, params string[] options)
    {
        var run = PlanRun.Of(["token", "create", "--name", name, .. options, "--as", "alice", $"--ConnectionStrings:Curator={app.Database}"]);
        Assert.True(run.ExitCode == 0, run.Errors);
        return run.Output.TrimEnd().Split('\n')[^1].Trim();
    }

    public static HttpClient For(DashboardApp app, string? token)
    {
        var client = new HttpClient { BaseAddress = app.Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
