using System.Net;
using EcrCurator.Web.Tests.Support;
using Npgsql;

namespace EcrCurator.Web.Tests.Hosting;

[Collection(AwsEnvironmentCollection.Name)]
public class ReadinessTests
{
    [Fact]
    public async Task WhenTheDatabaseDropsItsConnectionsReadinessSaysNotReadyAndOnlyTheLogSaysWhy()
    {
        await using var server = await RunningServer.StartAsync();
        var name = new NpgsqlConnectionStringBuilder(server.Database).Database;
        var postgres = new NpgsqlConnectionStringBuilder(server.Database) { Database = "postgres" }.ConnectionString;
        await WebTestDatabase.ExecuteAsync(postgres, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
        try
        {
            await WebTestDatabase.ExecuteAsync(postgres, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");

            using var ready = await server.Client.GetAsync("/readyz", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("not ready", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Contains(server.Logs.Entries, entry => entry.Category.EndsWith("Readiness", StringComparison.Ordinal) && entry.Message.Contains("Npgsql", StringComparison.Ordinal));
        }
        finally
        {
            await WebTestDatabase.ExecuteAsync(postgres, $"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true");
        }
    }
}
