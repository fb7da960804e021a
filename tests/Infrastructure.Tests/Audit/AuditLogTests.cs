using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>What an entry records besides its action: its time from the application's clock, its actor's kind; and the migration that chained the entries written before.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuditLogTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AnEntryTakesItsTimeFromTheApplicationsClockNotTheWallClock()
    {
        var now = new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedClock(now))
            .AddDbContextFactory<CuratorDbContext>(options => options.UseNpgsql(database.ConnectionString))
            .BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        AuditLog.Record(db, "alice", "pin.created", "t", new { });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(now, (await db.AuditEntries.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).At);
    }

    [Fact]
    public void AnEntryWithoutTheApplicationsClockMustBeGivenItsTime()
    {
        using var db = database.Contexts.CreateDbContext();

        var refused = Assert.Throws<InvalidOperationException>(() => AuditLog.Record(db, "alice", "pin.created", "t", new { }));

        Assert.Contains("TimeProvider", refused.Message);
    }

    [Theory]
    [InlineData("alice", ActorKind.Person)]
    [InlineData("system", ActorKind.Automation)]
    [InlineData("cli:root", ActorKind.Automation)]
    [InlineData("systems", ActorKind.Person)]
    public async Task AnEntryRecordsWhetherAPersonOrAutomationActed(string actor, string kind)
    {
        await database.WriteAsync(1, actor);

        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(kind, (await db.AuditEntries.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).ActorKind);
    }

    [Fact]
    public async Task TheMigrationChainsTheEntriesWrittenBeforeIt()
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "curator_audit_chain_migration" }.ConnectionString;
        await TwoRoles.ExecuteAsync(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString, "DROP DATABASE IF EXISTS curator_audit_chain_migration WITH (FORCE)");
        var contexts = new TwoRoles.Contexts(connection);
        await using (var db = contexts.CreateDbContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261128054705_ImageDependents", TestContext.Current.CancellationToken);
            await TwoRoles.ExecuteAsync(
                connection,
                """
                INSERT INTO audit_entries (at, actor, action, target, team, details) VALUES
                    ('2026-11-01T01:00:00.123456Z', 'system', 'snapshot.started', 'snapshot/1', NULL, '{"sources": ["111111111111/ap-northeast-1"]}'),
                    ('2026-11-01T02:00:00Z', 'alice', 'proposal.approved', '111111111111/ap-northeast-1/care/api', 'care', '{"comment": "ok"}'),
                    ('2026-11-01T03:00:00Z', 'cli:root', 'snapshot.started', 'snapshot/2', NULL, '{}')
                """);
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        var verification = await new AuditVerifier(contexts).VerifyAsync(null, TestContext.Current.CancellationToken);

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(3, verification.Entries);
        await using var check = contexts.CreateDbContext();
        Assert.Equal([ActorKind.Automation, ActorKind.Person, ActorKind.Automation], await check.AuditEntries.OrderBy(entry => entry.Id).Select(entry => entry.ActorKind).ToListAsync(TestContext.Current.CancellationToken));
        await TwoRoles.ExecuteAsync(connection, "INSERT INTO audit_entries (at, actor, actor_kind, action, target, details) VALUES (now(), 'bob', 'person', 'pin.created', 't', '{}')");
        Assert.True((await new AuditVerifier(contexts).VerifyAsync(verification.Head, TestContext.Current.CancellationToken)).Intact);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
