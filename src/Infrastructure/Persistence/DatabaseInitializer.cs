using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>Applies pending migrations when a server starts, unless <c>Curator:Database:MigrateOnStart</c> is false.</summary>
public sealed class DatabaseInitializer(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
