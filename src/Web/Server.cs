using EcrCurator.Infrastructure;
using EcrCurator.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web;

/// <summary>
/// The long-running application: with a database it applies migrations (unless <c>Curator:Database:MigrateOnStart</c>
/// is false), runs the job server (the nightly snapshot, executions) and keeps the recurring jobs on their stored
/// schedule. The dashboard joins it here.
/// </summary>
public static class Server
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddInfrastructure();
        var app = builder.Build();
        if (app.Services.GetService<DatabaseMigrator>() is { } migrator && app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            // Before the job server starts, so that its storage finds the database.
            await migrator.MigrateAsync(CancellationToken.None);
        }

        app.MapGet("/", () => Results.Text("ECR Curator is running; its dashboard is not built yet. See the README."));
        await app.RunAsync();
    }
}
