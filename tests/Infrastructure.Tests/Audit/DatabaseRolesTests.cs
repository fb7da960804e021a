using EcrCurator.Infrastructure.Audit;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Tests.Persistence;
using Npgsql;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>
/// The attacks on the audit log that its two database roles stop (docs/security.md): the application's own role may
/// insert and read entries, nothing else; the owner that migrates may not truncate them either.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class DatabaseRolesTests(TwoRoles database) : IClassFixture<TwoRoles>
{
    private static readonly DateTimeOffset Time = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("UPDATE audit_entries SET actor = 'mallory'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER audit_entries_no_truncate ON audit_entries")]
    [InlineData("ALTER TABLE audit_entries ADD COLUMN note text")]
    [InlineData("DROP TABLE audit_entries")]
    [InlineData("DROP FUNCTION audit_entry_hash(bigint, timestamptz, text, text, text, text, text, text, text) CASCADE")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("DROP SCHEMA public CASCADE")]
    public async Task TheApplicationsRoleCannotChangeTheAuditLog(string attack)
    {
        var entries = await WriteAsRuntimeAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => TwoRoles.ExecuteAsync(database.As(TwoRoles.Runtime), attack));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        var verification = await VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(entries, verification.Entries);
    }

    [Fact]
    public async Task TheOwnerCannotTruncateTheAuditLogEither()
    {
        await WriteAsRuntimeAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => TwoRoles.ExecuteAsync(database.As(TwoRoles.Owner), "TRUNCATE audit_entries"));

        Assert.Contains("append-only: TRUNCATE of audit entries is refused", refused.MessageText);
    }

    [Fact]
    public async Task TheApplicationsRoleReadsAndWritesTheOtherTablesAndTheJobStorageAndOwnsNothing()
    {
        await WriteAsRuntimeAsync();
        var runtime = database.As(TwoRoles.Runtime);

        await TwoRoles.ExecuteAsync(runtime, """
            UPDATE settings SET kill_switch = true;
            UPDATE settings SET kill_switch = false;
            DELETE FROM snapshot_reads;
            INSERT INTO pins (account_id, region, repository, digest, actor, reason, created_at) VALUES ('1', 'r', 'n', 'sha256:0', 'alice', 'why', now());
            DELETE FROM pins;
            CREATE TEMP TABLE images_staging AS SELECT * FROM images WITH NO DATA;
            INSERT INTO hangfire.counter (key, value) VALUES ('two-roles', 1);
            DELETE FROM hangfire.counter WHERE key = 'two-roles';
            """);

        Assert.Equal(0L, await TwoRoles.ScalarAsync<long>(runtime, "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND relpersistence <> 't'"));
        Assert.Equal(0L, await TwoRoles.ScalarAsync<long>(runtime, "SELECT count(*) FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'"));
        Assert.Equal(TwoRoles.Owner, await TwoRoles.ScalarAsync<string>(runtime, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        Assert.False(await TwoRoles.ScalarAsync<bool>(runtime, "SELECT has_table_privilege('audit_entries', 'TRUNCATE') OR has_table_privilege('hangfire.job', 'TRUNCATE') OR has_table_privilege('settings', 'TRUNCATE')"));
    }

    [Fact]
    public async Task MigratingAgainAppliesNothingAndKeepsTheGrants()
    {
        Assert.Empty(await TwoRoles.MigrateAsync(database.Roles));

        Assert.True((await WriteAsRuntimeAsync()) > 0);
    }

    [Fact]
    public async Task MigratingRefusesAnApplicationRoleThatOwnsTheTablesAndSaysHowToHandThemOver()
    {
        const string name = "curator_it_owned_by_runtime";
        await TwoRoles.ExecuteAsync(database.Superuser("postgres"), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await TwoRoles.ExecuteAsync(database.Superuser("postgres"), $"CREATE DATABASE {name} OWNER {TwoRoles.Runtime}");
        await TwoRoles.MigrateAsync(DatabaseRoles.Of(database.As(TwoRoles.Runtime, name), null)); // one role, the only way before two were possible
        var roles = DatabaseRoles.Of(database.As(TwoRoles.Runtime, name), database.As(TwoRoles.Owner, name));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TwoRoles.MigrateAsync(roles));

        Assert.Contains($"The user '{TwoRoles.Runtime}' of ConnectionStrings:Curator owns the database {name}, the table", refused.Message);
        Assert.Contains($"REASSIGN OWNED BY \"{TwoRoles.Runtime}\" TO \"{TwoRoles.Owner}\"", refused.Message);
        await TwoRoles.ExecuteAsync(database.Superuser(name), $"REASSIGN OWNED BY {TwoRoles.Runtime} TO {TwoRoles.Owner}");
        await TwoRoles.MigrateAsync(roles);
        await Assert.ThrowsAsync<PostgresException>(() => TwoRoles.ExecuteAsync(database.As(TwoRoles.Runtime, name), "TRUNCATE audit_entries"));
    }

    [Fact]
    public async Task MigratingRefusesASuperuserAsTheApplicationsRole()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TwoRoles.MigrateAsync(DatabaseRoles.Of(database.Superuser(), database.As(TwoRoles.Owner))));

        Assert.Contains("of ConnectionStrings:Curator is a superuser", refused.Message);
    }

    [Fact]
    public void TheTwoConnectionStringsMustNameTheSameDatabase()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => DatabaseRoles.Of(database.As(TwoRoles.Runtime), database.As(TwoRoles.Owner, "elsewhere")));

        Assert.Contains("ConnectionStrings:CuratorMigrations names the database", refused.Message);
        Assert.Contains("both must name the same database", refused.Message);
        Assert.False(DatabaseRoles.Of(database.As(TwoRoles.Runtime), null).Separate);
        Assert.False(DatabaseRoles.Of(database.As(TwoRoles.Runtime), database.As(TwoRoles.Runtime)).Separate);
        Assert.True(database.Roles.Separate);
    }

    /// <summary>An entry written as the application, through its own role; how many the log holds.</summary>
    private async Task<long> WriteAsRuntimeAsync()
    {
        await using var db = new TwoRoles.Contexts(database.As(TwoRoles.Runtime)).CreateDbContext();
        AuditLog.Record(db, "alice", "pin.created", "111111111111/ap-northeast-1/care/api@sha256:0", new { reason = "release" }, "care", Time);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (await VerifyAsync()).Entries;
    }

    private Task<AuditVerification> VerifyAsync() =>
        new AuditVerifier(new TwoRoles.Contexts(database.As(TwoRoles.Runtime))).VerifyAsync(null, TestContext.Current.CancellationToken);
}
