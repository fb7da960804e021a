using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Features.Plan;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web;

/// <summary>The application's services for a command: configuration validated, progress on standard error only.</summary>
public static class CommandHost
{
    /// <param name="time">The clock, when not the system's (<c>snapshot --now</c>).</param>
    public static IHost Build(string[] configuration, TextWriter errors, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ProgressLoggerProvider(errors));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddInfrastructure();
        var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<AwsOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<Infrastructure.Inventory.UsageOptions>>().Value;
        return host;
    }

    /// <summary>The migrator, or a clear error that no database is configured.</summary>
    public static DatabaseMigrator Database(this IHost host) =>
        host.Services.GetService<DatabaseMigrator>()
        ?? throw new InvalidOperationException($"No database is configured: set ConnectionStrings:{DatabaseOptions.ConnectionStringName} (for example ConnectionStrings__Curator=\"Host=...;Database=ecr_curator;Username=...\").");
}
