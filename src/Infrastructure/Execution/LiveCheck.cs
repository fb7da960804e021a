using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Reports;
using EcrCurator.Infrastructure.Snapshots;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// The world as it is just before a batch: the repository's images read again, usage from every usage source read
/// no longer ago than the limit allows, the usage reported through the API, and the current pins and policies, ready to be decided.
/// </summary>
public sealed class LiveCheck(
    LiveUsage usage, IRegistryReader registries, SnapshotStore store, IOptions<RetentionOptions> retention, IOptions<AwsOptions> aws, TimeProvider time)
{
    public async Task<LiveWorld> ReadAsync(RepositoryKey repository, CuratorDbContext db, CancellationToken cancellation)
    {
        var teams = retention.Value.ToTeamRules();
        var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
        var pins = await StoredPolicies.PinsAsync(db, cancellation);
        var quarantined = await StoredPolicies.QuarantinesAsync(db, cancellation);
        var read = await usage.ReadAsync(policies.DeepestRollback, cancellation);
        if (read.Incomplete is { } incomplete)
        {
            return LiveWorld.Unverified(incomplete);
        }

        var reported = await ReportedUsage.ReadAsync(db, time.GetUtcNow(), cancellation);
        if (reported.Silent.Count > 0)
        {
            return LiveWorld.Unverified(reported.Silent[0]);
        }

        if (!read.Curates(repository))
        {
            return LiveWorld.Unverified(
                $"Registry {repository.AccountId}/{repository.Region} is no longer curated (Curator:Registries), so its usage is not read: nothing of {repository} is deleted.");
        }

        RepositoryRecord current;
        try
        {
            // Manifests are named by their digests, so those the last snapshot stored are not fetched again.
            current = await registries.ReadRepositoryAsync(aws.Value.Target(repository.AccountId, repository.Region), repository.Name, teams, store.StoredManifests, cancellation);
        }
        catch (Exception error) when (error is AwsException or AwsCredentialsException or IncompleteReadException)
        {
            return LiveWorld.Unverified($"Repository {repository} could not be read: {error.Message}");
        }

        var run = RetentionEngine.Prepare(
            [new RepositoryHeading(current.Key, current.Team)], [.. read.Uses, .. reported.Uses], read.TaskDefinitions, [], policies, pins, time.GetUtcNow(), quarantined);
        return new LiveWorld(current, run, read.StartedAt, null);
    }
}

/// <summary>A repository as it is now and the engine prepared to decide it, or why it could not be read.</summary>
/// <param name="UsageReadAt">When the usage read it relies on started.</param>
public sealed record LiveWorld(RepositoryRecord? Repository, RetentionRun? Run, DateTimeOffset UsageReadAt, string? UnverifiedReason)
{
    public static LiveWorld Unverified(string reason) => new(null, null, default, reason);

    /// <summary>The engine's decision with <paramref name="held"/> kept whatever the rules say (<c>excluded</c>).</summary>
    public RepositoryPlan Decide(IReadOnlySet<string> held) =>
        Run?.Evaluate(Repository!, held) ?? throw new InvalidOperationException($"Nothing can be decided: {UnverifiedReason}");
}
