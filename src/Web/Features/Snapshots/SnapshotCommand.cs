using System.Globalization;
using EcrCurator.Infrastructure.Notifications;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.Snapshots;

/// <summary>
/// <c>snapshot</c>: takes a snapshot now into the database (SPEC 7), showing progress; exits 1 when it is incomplete
/// or a registry could not be read. <c>--now TIME</c> takes it as of that time (its clock starts there), for the demo's
/// weeks of history.
/// </summary>
public static class SnapshotCommand
{
    public const string Verb = "snapshot";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (now, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors, now is null ? null : new ClockFrom(now.Value));
        await host.Database().MigrateAsync(CancellationToken.None);
        var snapshot = await host.Services.GetRequiredService<SnapshotService>().TakeAsync(Actors.CommandLine(Environment.UserName), CancellationToken.None);
        await host.Services.GetRequiredService<Notifier>().AfterSnapshotAsync(snapshot.Id, CancellationToken.None); // queued for the job servers
        output.WriteLine(Summary(snapshot));
        foreach (var problem in snapshot.Problems.Concat(snapshot.IncompleteReasons).Concat(snapshot.Notes))
        {
            errors.WriteLine(problem);
        }

        return snapshot.Status == SnapshotStatus.Complete && snapshot.Problems.Length == 0 ? 0 : 1;
    }

    /// <summary><c>Snapshot 4 complete: 300 repositories, 8,012 images, 1,055 candidates (12.40 GiB by image size, 7.81 GiB actually freed).</c></summary>
    public static string Summary(SnapshotRow snapshot)
    {
        var invariant = CultureInfo.InvariantCulture;
        return $"Snapshot {snapshot.Id} {snapshot.Status.ToLowerInvariant()}: {Display.Count(snapshot.Repositories, invariant)} repositories, "
               + $"{Display.Count(snapshot.Images, invariant)} images, {Display.Count(snapshot.Candidates, invariant)} candidates "
               + $"({Display.Size(snapshot.CandidateBytes, invariant)} by image size, {Display.Size(snapshot.ReclaimableBytes, invariant)} actually freed).";
    }

    private static (DateTimeOffset? Now, string[] Configuration) Parse(string[] args)
    {
        DateTimeOffset? now = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--now")
            {
                configuration.Add(args[i]);
                continue;
            }

            var text = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--now needs a time such as 2026-11-28T01:00:00Z.");
            now = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new ArgumentException($"--now '{text}' is not an ISO-8601 time such as 2026-11-28T01:00:00Z.");
        }

        return (now, [.. configuration]);
    }
}
