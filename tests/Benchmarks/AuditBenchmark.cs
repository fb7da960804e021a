using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EcrCurator.Benchmarks;

/// <summary>
/// <c>audit verify</c> of a long audit log: the database named by <c>--connection</c> is created afresh and migrated,
/// <c>--entries</c> entries like an execution's (an image deleted, with its digest, tags, size and push time) are
/// written through the chain's insert trigger, then the whole command runs <c>--runs</c> times.
/// </summary>
public static class AuditBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var connection = option("--connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=curator_audit_benchmark");
        var entries = int.Parse(option("--entries", "1000000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(option("--runs", "5"), CultureInfo.InvariantCulture);
        string[] migrate = ["migrate", $"--ConnectionStrings:Curator={connection}"];
        string[] verify = ["audit", "verify", $"--ConnectionStrings:Curator={connection}"];

        await BenchmarkDatabase.DropAsync(connection);
        if (await Web.CommandLine.RunAsync(migrate, TextWriter.Null, Console.Error) != 0)
        {
            return 1;
        }

        var writing = Stopwatch.StartNew();
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            for (var from = 1; from <= entries; from += 100_000)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO audit_entries (at, actor, actor_kind, action, target, team, details)
                    SELECT timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => g * 0.37), 'system', 'automation', 'image.deleted',
                           '111111111111/ap-northeast-1/team-' || (g % 20) || '/service-' || (g % 500) || '@sha256:' || encode(sha256(g::text::bytea), 'hex'),
                           'team-' || (g % 20),
                           jsonb_build_object('proposal', g / 100, 'digest', 'sha256:' || encode(sha256(g::text::bytea), 'hex'),
                                              'tags', jsonb_build_array('v1.' || g, 'build-' || g), 'sizeBytes', 50000000 + g,
                                              'pushedAt', '2025-12-01T00:00:00Z', 'dryRun', false, 'error', NULL)
                    FROM generate_series(@from, @to) AS g
                    """, db) { CommandTimeout = 0 };
                insert.Parameters.AddWithValue("from", from);
                insert.Parameters.AddWithValue("to", Math.Min(entries, from + 99_999));
                await insert.ExecuteNonQueryAsync();
            }

            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE audit_entries", db);
            await analyze.ExecuteNonQueryAsync();
            await using var size = new NpgsqlCommand("SELECT pg_total_relation_size('audit_entries')", db);
            Console.WriteLine($"Wrote {entries:#,0} entries through the chain's trigger in {writing.Elapsed.TotalSeconds:0.0} s; the table and its indexes take {(long)(await size.ExecuteScalarAsync())! / 1e6:0} MB");
        }

        var seconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var output = new StringWriter();
            var clock = Stopwatch.StartNew();
            var exit = await Web.CommandLine.RunAsync(verify, output, Console.Error);
            seconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"run {run}: {seconds[^1]:0.00} s, exit {exit}: {output.ToString().Trim()}");
        }

        seconds.Sort();
        Console.WriteLine($"audit verify of {entries:#,0} entries: median {seconds[seconds.Count / 2]:0.00} s of {runs} runs ({entries / seconds[seconds.Count / 2]:#,0} entries/s)");
        return 0;
    }
}
