using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Configuration;
using EcrCurator.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web;

/// <summary>
/// The long-running application: with a database it applies migrations (unless <c>Curator:Database:MigrateOnStart</c>
/// is false), runs the job server (the nightly snapshot, executions) and keeps the recurring jobs on their stored
/// schedule, and serves the dashboard; <c>/healthz</c> says it is alive, <c>/readyz</c> that its database and job storage
/// answer.
/// </summary>
public static class Server
{
    public static async Task RunAsync(string[] args) => await (await BuildAsync(args)).RunAsync();

    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        // Named, so that its static assets are found when another program (a test, a benchmark) hosts it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(Server).Assembly.GetName().Name });
        builder.AddInfrastructure();
        builder.AddWebSettings();
        builder.CheckKeys();
        if (builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) is not { Length: > 0 })
        {
            throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set: the server keeps its snapshots, proposals and audit log in PostgreSQL.");
        }

        builder.AddWeb();
        var app = builder.Build();

        // Every setting's value checked before the database is touched.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        if (app.Services.GetService<DatabaseMigrator>() is { } migrator && app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            // Before the job server starts, so that its storage finds the database.
            await migrator.MigrateAsync(CancellationToken.None);
        }

        app.UseWeb();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    /// <summary>Says only whether it is ready, to anyone: why not (a database's error, its host) goes to the log.</summary>
    private static async Task<IResult> ReadyAsync(IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellation)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CuratorDbContext>>();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellation);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellation);
            using var jobs = services.GetRequiredService<JobStorage>().GetConnection();
            _ = jobs.GetAllItemsFromSet("recurring-jobs");
            return Results.Text("ready");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(Server).Namespace + ".Readiness").LogWarning(error, "Not ready: the database or the job storage does not answer.");
            return Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
