using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>The audit log as a hash chain (SPEC 6, docs/security.md): written by the database, verified independently.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuditChainTests(TestDatabase database) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task EachEntryIsChainedToTheOneBeforeItFromSixtyFourZeros()
    {
        await database.WriteAsync(3);

        await using var db = database.Contexts.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(entry => entry.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AuditHasher.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.All(entries, entry => Assert.Matches("^[0-9a-f]{64}$", entry.Hash));
        var verification = await database.VerifyAsync();
        Assert.Equal($"3 entries, chain intact, head {entries[2].Hash}", verification.ToString());
        Assert.True(verification.Intact);
    }

    [Fact]
    public async Task AnEmptyLogIsIntactWithTheHeadOfSixtyFourZeros()
    {
        Assert.Equal($"0 entries, chain intact, head {AuditHasher.Genesis}", (await database.VerifyAsync()).ToString());
    }

    [Fact]
    public async Task TheVerifierComputesTheDatabasesHashesForFieldsThatCouldBeConfused()
    {
        await using (var db = database.Contexts.CreateDbContext())
        {
            var at = new DateTimeOffset(2026, 11, 28, 1, 30, 0, TimeSpan.Zero).AddTicks(1234567); // 0.1234567 s: stored to the microsecond
            AuditLog.Record(db, "Zoë 山田", "pin.created", "a\tb|c\u001f", new { comment = "\"quoted\", ünïcödé 🚀\n\\", n = 1.50m }, null, at);
            AuditLog.Record(db, "ab", "c", "", new { }, "", at);
            AuditLog.Record(db, "a", "bc", "", new { }, null, at);
            AuditLog.Record(db, AuditLog.System, "x", "y", new[] { 1, 2, 3 }, "care", at);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var verification = await database.VerifyAsync();

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(4, verification.Entries);
        await using var check = database.Contexts.CreateDbContext();
        var hashes = await check.AuditEntries.Select(entry => entry.Hash).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, hashes.Distinct().Count());
    }

    [Fact]
    public void TheEncodingMatchesTheExampleInTheSecurityDocument()
    {
        var hash = new AuditHasher().Hash(
            1, new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.Zero).AddTicks(4560), "alice", ActorKind.Person, "pin.created",
            "111111111111/ap-northeast-1/care/api@sha256:0", "care", "{\"reason\": \"release\"}", AuditHasher.Genesis);

        Assert.Equal(SecurityDocument.ExampleHash, hash);
    }

    [Fact]
    public async Task WritersAtOnceNeverForkTheChain()
    {
        async Task WriterAsync(int writer)
        {
            for (var i = 0; i < 20; i++)
            {
                await using var db = database.Contexts.CreateDbContext();
                await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
                AuditLog.Record(db, $"writer-{writer}", "pin.created", $"t/{i}", new { i }, null, AuditDatabase.Time);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                AuditLog.Record(db, $"writer-{writer}", "pin.removed", $"t/{i}", new { i }, null, AuditDatabase.Time);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                await transaction.CommitAsync(TestContext.Current.CancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() => WriterAsync(writer))));

        var verification = await database.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(320, verification.Entries);
        await using var db = database.Contexts.CreateDbContext();
        Assert.Equal(320, await db.AuditEntries.Select(entry => entry.PreviousHash).Distinct().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnEntryIsWrittenOnlyInAReadCommittedTransactionWhereItSeesTheHead()
    {
        await using var db = database.Contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, TestContext.Current.CancellationToken);
        AuditLog.Record(db, "alice", "pin.created", "t", new { }, null, AuditDatabase.Time);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Contains("READ COMMITTED", refused.InnerException!.Message);
    }

    [Fact]
    public async Task VerifyNamesAnEntryASuperuserEditedWithTheTriggersOff()
    {
        var ids = await database.WriteAsync(4);
        await database.TamperAsync($"UPDATE audit_entries SET actor = 'mallory' WHERE id = {ids[2]}");

        var verification = await database.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Equal($"Entry {ids[2]} was edited: its fields no longer match its hash (2 entries before it are intact).", verification.Problem);
        Assert.Equal(2, verification.Entries);
    }

    [Fact]
    public async Task VerifyNamesWhereAnEntryWasDeleted()
    {
        var ids = await database.WriteAsync(4);
        await database.TamperAsync($"DELETE FROM audit_entries WHERE id = {ids[1]}");

        var verification = await database.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.StartsWith($"Entry {ids[2]} does not follow entry {ids[0]}: an entry between them was removed", verification.Problem);
    }

    [Fact]
    public async Task VerifyNamesTheFirstEntryWhenTheOnesBeforeItWereDeleted()
    {
        var ids = await database.WriteAsync(3);
        await database.TamperAsync($"DELETE FROM audit_entries WHERE id = {ids[0]}");

        var verification = await database.VerifyAsync();

        Assert.StartsWith($"Entry {ids[1]}, the first, follows an entry that is no longer there", verification.Problem);
    }

    [Fact]
    public async Task VerifyNamesEntriesSwappedInOrder()
    {
        var ids = await database.WriteAsync(4);
        await database.TamperAsync($"UPDATE audit_entries SET id = -id WHERE id IN ({ids[1]}, {ids[2]}); UPDATE audit_entries SET id = CASE id WHEN -{ids[1]} THEN {ids[2]} ELSE {ids[1]} END WHERE id < 0");

        var verification = await database.VerifyAsync();

        Assert.False(verification.Intact);
        Assert.Contains($"Entry {ids[1]}", verification.Problem);
    }

    [Fact]
    public async Task TheExpectedHeadDetectsEntriesRemovedFromTheEnd()
    {
        var ids = await database.WriteAsync(4);
        var head = (await database.VerifyAsync()).Head;
        await database.TamperAsync($"DELETE FROM audit_entries WHERE id = {ids[3]}");

        var withoutHead = await database.VerifyAsync();
        var withHead = await database.VerifyAsync(head);

        Assert.True(withoutHead.Intact); // a chain cut short is still a chain
        Assert.False(withHead.Intact);
        Assert.Equal($"The expected head {head} is not in the chain, which ends at entry {ids[2]} (head {withoutHead.Head}): entries were removed from its end.", withHead.Problem);
    }

    [Fact]
    public async Task TheExpectedHeadMayBeFollowedByEntriesWrittenSince()
    {
        await database.WriteAsync(2);
        var head = (await database.VerifyAsync()).Head;
        await database.WriteAsync(2);

        var verification = await database.VerifyAsync(head);

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(4, verification.Entries);
    }

    [Fact]
    public async Task TheDatabaseRefusesTruncateUpdateAndDeleteEvenToItsOwner()
    {
        await database.WriteAsync(1);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        foreach (var sql in (string[])["TRUNCATE audit_entries", "UPDATE audit_entries SET actor = 'mallory'", "DELETE FROM audit_entries"])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Contains("append-only", refused.MessageText);
        }

        Assert.True((await database.VerifyAsync()).Intact);
    }
}
