using EcrCurator.Web.Components;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.History;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Hosting;
using EcrCurator.Web.SignIn;
using MudBlazor.Services;

namespace EcrCurator.Web;

public static class DependencyInjection
{
    /// <summary>The dashboard: Blazor Server with MudBlazor, sign-in, English and Japanese, and one service per feature.</summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        // The build output (not a publish) serves MudBlazor's files only through the static web assets manifest,
        // which ASP.NET Core reads by itself only in Development: the Demo environment runs from the build output too.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddProxy();
        builder.AddMetrics();
        builder.Services.AddLocalization();
        builder.AddSignIn();
        builder.Services.AddSingleton<DisplayZone>();
        builder.Services.AddScoped<OverviewService>();
        builder.Services.AddScoped<RepositoriesService>();
        builder.Services.AddScoped<RepositoryService>();
        builder.Services.AddScoped<LifecycleService>();
        builder.Services.AddScoped<PinsService>();
        builder.Services.AddScoped<ApprovalsService>();
        builder.Services.AddScoped<HistoryService>();
        builder.Services.AddScoped<SettingsService>();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseProxy();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseCultures();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapMetrics();
        app.MapSignIn();
        app.MapCultures();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapJobsDashboard();
        return app;
    }
}
