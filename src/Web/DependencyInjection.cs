using EcrCurator.Infrastructure.Configuration;
using EcrCurator.Web.Components;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Api;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Features.History;
using EcrCurator.Web.Features.Notifications;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Quarantine;
using EcrCurator.Web.Features.Repositories;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Hosting;
using EcrCurator.Web.SignIn;
using Microsoft.Extensions.Options;
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
        builder.Services.AddTransient<MudBlazor.MudLocalizer, CuratorMudLocalizer>();
        builder.AddProxy();
        builder.AddSecurityHeaders();
        builder.AddMetrics();
        builder.AddKeyEncryption();
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
        builder.Services.AddScoped<NotificationsService>();
        builder.Services.AddScoped<QuarantineService>();
        builder.Services.AddScoped<Features.Search.ImageSearchService>();
        builder.AddApi();
        return builder;
    }

    /// <summary>
    /// The dashboard's configuration sections, registered by the server and the commands alike (a container's
    /// environment holds them all): every <c>Curator:*</c> key must belong to a registered section
    /// (<see cref="Settings.AddSettings{T}"/>, checked by <see cref="Settings.CheckKeys"/>).
    /// </summary>
    public static IHostApplicationBuilder AddWebSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<SignInOptions>(SignInOptions.Section);
        builder.Services.AddSettings<ProxyOptions>(ProxyOptions.Section);
        builder.Services.AddSettings<MetricsOptions>(MetricsOptions.Section);
        builder.Services.AddSettings<DataProtectionCertificateOptions>(DataProtectionCertificateOptions.Section);
        builder.Services.AddSettings<ApiOptions>(ApiOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseMetrics();
        app.UseProxy();
        app.UseSecurityHeaders();
        app.WarnWithoutKeyEncryption();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseCultures();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApi();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignIn();
        app.MapCultures();
        app.MapAuditExport();
        app.MapRepositoriesExport();
        app.MapProposalsExport();
        app.MapApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapJobsDashboard();
        return app;
    }
}
