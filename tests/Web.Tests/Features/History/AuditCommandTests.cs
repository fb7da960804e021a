using System.Text.RegularExpressions;
using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using EcrCurator.Worlds;
using Npgsql;

namespace EcrCurator.Web.Tests.Features.History;

/// <summary>The command line as an operator runs it against a database set up with two roles (docs/deploy.md).</summary>
[Collection(AwsEnvironmentCollection.Name)]
public partial class AuditCommandTests
{
    [Fact]
    public async Task TwoRolesEndToEndTheChainHoldsAndVerifyNamesEveryTampering()
    {
        var database = await TwoRoleDatabase.CreateAsync("curator_web_audit_two_roles");
        await using var simulator = await Simulator.StartAsync(WorldFile.Read(PlanRun.World("seed-table")));
        var application = $"--ConnectionStrings:Curator={database.Runtime}";

        var migrate = await RunAsync(["migrate", .. database.Arguments]);
        var snapshot = await RunAsync(["snapshot", .. database.Arguments]);
        var approve = await RunAsync(["approve", "1", "--as", "alice", .. database.Arguments]);
        var verify = await RunAsync(["audit", "verify", application]);

        Assert.True(migrate.ExitCode == 0, migrate.Errors);
        Assert.True(snapshot.ExitCode == 0, snapshot.Errors);
        Assert.True(approve.ExitCode == 0, approve.Output + approve.Errors);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Errors);
        var intact = Intact().Match(verify.Output);
        Assert.True(intact.Success, verify.Output);
        Assert.Equal(await CountAsync(database.Superuser, "SELECT count(*) FROM audit_entries"), long.Parse(intact.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, await CountAsync(database.Superuser, "SELECT count(*) FROM audit_entries WHERE actor = 'alice' AND actor_kind = 'person' AND action = 'proposal.approved'"));
        var head = intact.Groups[2].Value;
        var ids = await IdsAsync(database.Superuser);

        foreach (var attack in (string[])["TRUNCATE audit_entries", "UPDATE audit_entries SET actor = 'mallory'", "DELETE FROM audit_entries", "ALTER TABLE audit_entries DISABLE TRIGGER ALL"])
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => WebTestDatabase.ExecuteAsync(database.Runtime, attack));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        var truncate = await Assert.ThrowsAsync<PostgresException>(() => WebTestDatabase.ExecuteAsync(database.Owner, "TRUNCATE audit_entries"));
        Assert.Contains("append-only", truncate.MessageText);
        Assert.Equal(0, (await RunAsync(["audit", "verify", "--expect-head", head, application])).ExitCode);

        await TamperAsync(database, $"DELETE FROM audit_entries WHERE id = {ids[^1]}");
        var cut = await RunAsync(["audit", "verify", "--expect-head", head, application]);
        Assert.Equal(1, cut.ExitCode);
        Assert.StartsWith($"The expected head {head} is not in the chain, which ends at entry {ids[^2]}", cut.Output);
        Assert.Equal(0, (await RunAsync(["audit", "verify", application])).ExitCode);

        await TamperAsync(database, $"DELETE FROM audit_entries WHERE id = {ids[3]}");
        var removed = await RunAsync(["audit", "verify", application]);
        Assert.Equal(1, removed.ExitCode);
        Assert.StartsWith($"Entry {ids[4]} does not follow entry {ids[2]}: an entry between them was removed", removed.Output);

        await TamperAsync(database, $"UPDATE audit_entries SET details = '{{\"comment\": \"approved by bob\"}}' WHERE id = {ids[1]}");
        var edited = await RunAsync(["audit", "verify", application]);
        Assert.Equal(1, edited.ExitCode);
        Assert.StartsWith($"Entry {ids[1]} was edited", edited.Output);
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("audit", "check")]
    [InlineData("audit", "verify", "--expect-head", "abc")]
    [InlineData("audit", "verify", "--expect-head")]
    public void BadArgumentsAreRefusedNamingWhatIsExpected(params string[] args)
    {
        var run = PlanRun.Of([.. args, "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9;Username=nobody"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches("audit verify|--expect-head", run.Errors);
    }

    [Fact]
    public void VerifyWithoutADatabaseSaysHowToConfigureOne()
    {
        var run = PlanRun.Of("audit", "verify");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No database is configured: set ConnectionStrings:Curator", run.Errors);
    }

    private static Task<PlanRun> RunAsync(string[] args) => Task.Run(() => PlanRun.Of(args), TestContext.Current.CancellationToken);

    /// <summary>What a superuser can do: change the log with its triggers off.</summary>
    private static Task TamperAsync(TwoRoleDatabase database, string sql) =>
        WebTestDatabase.ExecuteAsync(database.Superuser, $"SET session_replication_role = replica; {sql}; SET session_replication_role = origin");

    private static Task<long> CountAsync(string connectionString, string sql) => WebTestDatabase.CountAsync(connectionString, sql);

    private static async Task<List<long>> IdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM audit_entries ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    [GeneratedRegex(@"^(\d+) entries, chain intact, head ([0-9a-f]{64})\r?\n$")]
    private static partial Regex Intact();
}
