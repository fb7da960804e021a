using System.Diagnostics;
using System.Globalization;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Benchmarks;

/// <summary>
/// The preview of a policy change (issue 20) over a large last snapshot: the database named by <c>--connection</c> is
/// created afresh and migrated, <c>--repositories</c> × <c>--images-per-repository</c> stored images are generated in
/// SQL (a fifth untagged, a tenth in use, pushes spread over 120 days), then the preview of the default policy against
/// a stricter one (7-day window, keep the newest 5) runs <c>--runs</c> times; the median is reported.
/// </summary>
public static class PolicyPreviewBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var option = (string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 ? args[at + 1] : fallback;
        var connection = option("--connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=curator_preview_benchmark");
        var repositories = int.Parse(option("--repositories", "10000"), CultureInfo.InvariantCulture);
        var perRepository = int.Parse(option("--images-per-repository", "100"), CultureInfo.InvariantCulture);
        var runs = int.Parse(option("--runs", "5"), CultureInfo.InvariantCulture);

        await BenchmarkDatabase.DropAsync(connection);
        if (await Web.CommandLine.RunAsync(["migrate", $"--ConnectionStrings:Curator={connection}"], TextWriter.Null, Console.Error) != 0)
        {
            return 1;
        }

        var seeding = Stopwatch.StartNew();
        await SeedAsync(connection, repositories, perRepository);
        Console.WriteLine($"Stored {repositories * (long)perRepository:#,0} images in {repositories:#,0} repositories in {seeding.Elapsed.TotalSeconds:0.0} s");

        var current = PolicySet.BasePolicy;
        var edited = new PolicySet(new PolicyOverride { WindowDays = 7, KeepNewest = 5 }, [], []);
        var now = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var seconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var db = new CuratorDbContext(new DbContextOptionsBuilder<CuratorDbContext>().UseNpgsql(connection).Options);
            var clock = Stopwatch.StartNew();
            var impact = await PolicyPreview.CompareAsync(db, current, edited, now, CancellationToken.None);
            seconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(
                $"run {run}: {seconds[^1]:0.00} s ({impact.ImagesDecided:#,0} images decided twice; {impact.Repositories:#,0} repositories change, " +
                $"{impact.ToDelete:#,0} images become candidates ({impact.BytesToDelete / 1e9:0.0} GB), {impact.ToKeep:#,0} kept instead); " +
                $"managed heap {GC.GetTotalMemory(false) / 1e6:0} MB");
        }

        seconds.Sort();
        Console.WriteLine($"policy preview of {repositories * (long)perRepository:#,0} images: median {seconds[seconds.Count / 2]:0.00} s of {runs} runs (min {seconds[0]:0.00}, max {seconds[^1]:0.00})");
        return 0;
    }

    private static async Task SeedAsync(string connection, int repositories, int perRepository)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await ExecuteAsync(db, """
            INSERT INTO snapshots (started_at, finished_at, started_by, rollback_depth, status, incomplete_reasons, problems, notes, repositories, images, candidates,
                                   image_bytes, candidate_bytes, reclaimable_bytes, lifecycle_dangers)
            VALUES (timestamptz '2026-12-06T16:00:00Z', timestamptz '2026-12-06T16:10:00Z', 'system', 0, 'Complete', '{}', '{}', '{}', 0, 0, 0, 0, 0, 0, 0)
            """);
        await ExecuteAsync(db, $$"""
            INSERT INTO repositories (account_id, region, name, team, tags, mode, notice_hours, image_count, candidate_count, in_use_count, pinned_count,
                                      image_bytes, candidate_bytes, reclaimable_bytes, archived_bytes, quarantine_bytes, last_snapshot_id,
                                      lifecycle_dangers, lifecycle_information, lifecycle_in_use_dangers)
            SELECT '111111111111', 'ap-northeast-1', 'team-' || (r % 20) || '/service-' || r, 'team-' || (r % 20), '{}', 'Approve', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
            FROM generate_series(1, {{repositories}}) AS r
            """);
        for (var from = 1; from <= repositories; from += 1000)
        {
            await ExecuteAsync(db, $$"""
                INSERT INTO images (repository_id, digest, tags, pushed_at, size_bytes, status, manifests, decision, reasons, used_by, is_dependent, changed_snapshot_id)
                SELECT r.id, 'sha256:' || md5(r.id || '/' || i) || md5(i || '/' || r.id),
                       CASE WHEN i % 5 = 0 THEN '{}'::text[] ELSE ARRAY['v' || i] END,
                       timestamptz '2026-12-06T00:00:00Z' - make_interval(hours => (i * 29) % 2880),
                       50000000 + i * 1000, 'ACTIVE', '{}',
                       'keep', CASE WHEN i % 10 = 3 THEN ARRAY['in-use'] ELSE '{}'::text[] END, '{}', false, 1
                FROM repositories r CROSS JOIN generate_series(1, {{perRepository}}) AS i
                WHERE r.id BETWEEN {{from}} AND {{from + 999}}
                """);
        }

        await ExecuteAsync(db, "VACUUM ANALYZE images");
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
