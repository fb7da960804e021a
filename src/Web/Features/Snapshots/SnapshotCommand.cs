using EcrCurator.Infrastructure.Snapshots;

namespace EcrCurator.Web.Features.Snapshots;

/// <summary>
/// <c>snapshot</c>: takes a snapshot now into the database (SPEC 7), showing progress; exits 1 when it is incomplete
/// or a registry could not be read.
/// </summary>
public static class SnapshotCommand
{
    public const string Verb = "snapshot";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        using var host = CommandHost.Build(args, errors);
        await host.Database().MigrateAsync(CancellationToken.None);
        var snapshot = await host.Services.GetRequiredService<SnapshotService>().TakeAsync($"cli:{Environment.UserName}", CancellationToken.None);
        output.WriteLine(
            $"Snapshot {snapshot.Id} {snapshot.Status.ToLowerInvariant()}: {snapshot.Repositories} repositories, {snapshot.Images} images, "
            + $"{snapshot.Candidates} candidates ({snapshot.CandidateBytes} bytes by image size, {snapshot.ReclaimableBytes} actually freed).");
        foreach (var problem in snapshot.Problems.Concat(snapshot.IncompleteReasons))
        {
            errors.WriteLine(problem);
        }

        return snapshot.Status == "Complete" && snapshot.Problems.Length == 0 ? 0 : 1;
    }
}
