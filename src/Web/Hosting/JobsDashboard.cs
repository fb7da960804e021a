using EcrCurator.Web.SignIn;
using Hangfire;

namespace EcrCurator.Web.Hosting;

/// <summary>Hangfire's job dashboard at <c>/jobs</c>, for Admins only (others are sent to sign in, or to /denied).</summary>
public static class JobsDashboard
{
    public const string Path = "/jobs";

    /// <summary>The link to it, relative to the page's base (the site may be served under a path).</summary>
    public const string Link = "jobs";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        if (app.Services.GetService<JobStorage>() is null)
        {
            return app;
        }

        // No Hangfire filter (its default admits local requests only): the endpoint's authorization decides.
        app.MapHangfireDashboard(Path, new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "ECR Curator · jobs" })
            .RequireAuthorization(policy => policy.RequireRole(CuratorRoles.Admin));
        return app;
    }
}
