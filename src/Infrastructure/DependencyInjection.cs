using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Snapshots;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Quarantine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>();
        builder.Services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>();
        builder.Services.AddOptions<QuarantineOptions>().BindConfiguration(QuarantineOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QuarantineOptions>, QuarantineOptionsValidator>();

        builder.Services.AddSingleton<AwsCredentialStore>();
        builder.Services.AddSingleton<AwsEndpoints>();
        builder.Services.AddSingleton<AwsCallCounter>();
        builder.Services.AddSingleton<CuratorMetrics>();
        builder.Services.AddSingleton<AwsConnections>();
        builder.Services.AddSingleton<CallerIdentity>();
        builder.Services.AddSingleton<IRegistryReader, EcrRegistryReader>();
        builder.Services.AddSingleton<IUsageReader, EcsUsageReader>();
        builder.Services.AddSingleton<InventoryReader>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDatabase();
        return builder;
    }

    /// <summary>PostgreSQL, when <c>ConnectionStrings:Curator</c> is set: the database, snapshots, and shared data-protection keys.</summary>
    private static void AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        builder.Services.AddDbContextFactory<CuratorDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<SnapshotService>();
        builder.Services.AddSingleton<ApprovalService>();
        builder.Services.AddSingleton<LiveUsage>();
        builder.Services.AddSingleton<LiveCheck>();
        builder.Services.AddSingleton<ExecutionService>();
        builder.Services.AddSingleton<AutoRun>();
        builder.Services.AddSingleton<RestoreService>();
        builder.Services.AddSingleton<RestoreProgress>();
        builder.Services.AddDataProtection().SetApplicationName("ecr-curator").PersistKeysToDbContext<CuratorDbContext>();
        builder.AddJobs(connectionString);
    }

    /// <summary>Hangfire on the same PostgreSQL: the job client everywhere, a job server where <c>Curator:Jobs:RunServer</c>.</summary>
    private static void AddJobs(this IHostApplicationBuilder builder, string connectionString)
    {
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        builder.Services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }));
        builder.Services.AddSingleton<SnapshotJob>();
        builder.Services.AddSingleton<ExecutionJob>();
        builder.Services.AddSingleton<RestoreJob>();
        builder.Services.AddSingleton<RestoreQueue>();

        // Everywhere, so that a schedule changed in the dashboard applies at once, even on a web-only server.
        builder.Services.AddSingleton<JobSchedule>();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(server => server.WorkerCount = jobs.WorkerCount);
            builder.Services.AddHostedService(services => services.GetRequiredService<JobSchedule>());
        }
    }
}
