using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Configuration;
using EcrCurator.Infrastructure.Aws.Lambda;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Snapshots;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EcrCurator.Infrastructure.Execution;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Jobs;
using EcrCurator.Infrastructure.Notifications;
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
        builder.Services.AddSettings<RetentionOptions>(RetentionOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddSettings<StorageOptions>(StorageOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSettings<AwsOptions>(AwsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>();
        builder.Services.AddSettings<ExecutionOptions>(ExecutionOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ExecutionOptions>, ExecutionOptionsValidator>();
        builder.Services.AddSettings<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSettings<JobsOptions>(JobsOptions.Section);
        builder.Services.AddSettings<QuarantineOptions>(QuarantineOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<QuarantineOptions>, QuarantineOptionsValidator>();
        builder.Services.AddSettings<NotificationsOptions>(NotificationsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        builder.Services.AddSettings<PublicUrlOptions>(PublicUrlOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptionsValidator>();

        builder.Services.AddSingleton<AwsCredentialStore>();
        builder.Services.AddSingleton<AwsEndpoints>();
        builder.Services.AddSingleton<AwsCallCounter>();
        builder.Services.AddSingleton<CuratorMetrics>();
        builder.Services.AddSingleton<AwsConnections>();
        builder.Services.AddSingleton<CallerIdentity>();
        builder.Services.AddSingleton<IRegistryReader, EcrRegistryReader>();
        builder.Services.AddSettings<UsageOptions>(UsageOptions.Section);
        builder.Services.AddSingleton<LambdaRates>();
        builder.Services.AddSingleton<LambdaVersionCache>();
        builder.Services.AddSingleton<EcsUsageReader>();
        builder.Services.AddSingleton<LambdaUsageReader>();
        builder.Services.AddSingleton<IUsageReader, UsageReader>();
        builder.Services.AddSingleton<InventoryReader>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDatabase();
        return builder;
    }

    /// <summary>
    /// PostgreSQL, when <c>ConnectionStrings:Curator</c> is set (and its owner <c>ConnectionStrings:CuratorMigrations</c>,
    /// by default the same): the database, snapshots, and shared data-protection keys.
    /// </summary>
    private static void AddDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var roles = DatabaseRoles.Of(connectionString, builder.Configuration.GetConnectionString(DatabaseRoles.OwnerConnectionStringName));
        builder.Services.AddSingleton(roles);
        builder.Services.AddDbContextFactory<CuratorDbContext>(options => options.UseNpgsql(connectionString));
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<SnapshotService>();
        builder.Services.AddSingleton<ApprovalService>();
        builder.Services.AddSingleton<LiveUsage>();
        builder.Services.AddSingleton<LiveCheck>();
        builder.Services.AddSingleton<ExecutionService>();
        builder.Services.AddSingleton<AutoRun>();
        builder.Services.AddSingleton<AuditVerifier>();
        builder.Services.AddSingleton<RestoreService>();
        builder.Services.AddSingleton<RestoreProgress>();
        builder.Services.AddSingleton<ChannelSecrets>();
        builder.Services.AddSingleton<ChannelSender>();
        builder.Services.AddSingleton<ChannelBook>();
        builder.Services.AddSingleton<Notifier>();
        builder.Services.AddSingleton<DeliveryAttempt>();
        builder.Services.AddDataProtection().SetApplicationName("ecr-curator").PersistKeysToDbContext<CuratorDbContext>();
        builder.AddJobs(roles);
    }

    /// <summary>
    /// Hangfire on the same PostgreSQL: the job client and <see cref="JobQueue"/> everywhere, a job server where
    /// <c>Curator:Jobs:RunServer</c>. A running job's server renews its hold on it, so another server takes over the
    /// job of a server that died (after <c>Curator:Jobs:TakeOverSeconds</c>), never one that still runs it.
    /// </summary>
    private static void AddJobs(this IHostApplicationBuilder builder, DatabaseRoles roles)
    {
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        builder.Services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        builder.Services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(roles.Runtime),
                new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(5, jobs.TakeOverSeconds)),
                    // The migrator installs the schema as the owner; a runtime role of its own could not.
                    PrepareSchemaIfNecessary = !roles.Separate,
                }));
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<SnapshotJob>();
        builder.Services.AddSingleton<ExecutionJob>();
        builder.Services.AddSingleton<ExecutionRecovery>();
        builder.Services.AddSingleton<AuditVerificationJob>();
        builder.Services.AddSingleton<RestoreJob>();
        builder.Services.AddSingleton<NotificationJob>();

        // Everywhere, so that a schedule changed in the dashboard applies at once, even on a web-only server.
        builder.Services.AddSingleton<JobSchedule>();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(server => server.WorkerCount = Math.Max(1, jobs.WorkerCount));
            builder.Services.AddHostedService(services => services.GetRequiredService<JobSchedule>());
            builder.Services.AddHostedService(services => services.GetRequiredService<ExecutionRecovery>());
        }
    }
}
