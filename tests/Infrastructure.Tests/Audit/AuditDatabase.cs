using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Tests.Persistence;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>Writing and tampering with the test database's audit log, as the application and as a superuser.</summary>
public static class AuditDatabase
{
    public static readonly DateTimeOffset Time = new(2026, 11, 28, 1, 2, 3, TimeSpan.Zero);

    /// <summary>Entries written as the application writes them, each saved on its own; their ids.</summary>
    public static async Task<long[]> WriteAsync(this TestDatabase database, int count, string actor = "alice")
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            await using var db = database.Contexts.CreateDbContext();
            AuditLog.Record(db, actor, "pin.created", $"111111111111/ap-northeast-1/care/api@sha256:{i}", new { reason = $"release {i}" }, "care", Time.AddSeconds(i));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            ids[i] = db.AuditEntries.Local.Single().Id;
        }

        return ids;
    }

    public static Task<AuditVerification> VerifyAsync(this TestDatabase database, string? expectedHead = null) =>
        new AuditVerifier(database.Contexts).VerifyAsync(expectedHead, TestContext.Current.CancellationToken);

    /// <summary>What a superuser can do: change the log with its triggers off (<c>session_replication_role = replica</c>).</summary>
    public static async Task TamperAsync(this TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SET session_replication_role = replica; {sql}; SET session_replication_role = origin", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
