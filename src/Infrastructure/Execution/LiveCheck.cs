using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// The world as it is just before deleting: a fresh, complete read of ECS usage from every usage source and of the
/// repository's images, decided again under the current pins and policies. Null when usage cannot be read completely.
/// </summary>
public sealed class LiveCheck(InventoryReader inventory, IRegistryReader registries, IOptions<RetentionOptions> retention, IOptions<AwsOptions> aws, TimeProvider time)
{
    public async Task<(RepositoryPlan? Plan, string? Unverified)> DecideAsync(RepositoryKey repository, CuratorDbContext db, CancellationToken cancellation)
    {
        var teams = retention.Value.ToTeamRules();
        var policies = await StoredPolicies.OverAsync(retention.Value.ToPolicySet(), db, cancellation);
        var pins = await StoredPolicies.PinsAsync(db, cancellation);
        var sources = await inventory.SourcesAsync(cancellation);
        var usage = await Task.WhenAll(sources.Select(source =>
            inventory.ReadSourceAsync(source with { IsRegistry = false }, teams, policies.DeepestRollback, KnownManifests.None, NoRepositories, cancellation)));
        if (usage.Select(read => read.IncompleteReason).OfType<string>().FirstOrDefault() is { } incomplete)
        {
            return (null, incomplete);
        }

        RepositoryRecord current;
        try
        {
            current = await registries.ReadRepositoryAsync(aws.Value.Target(repository.AccountId, repository.Region), repository.Name, teams, KnownManifests.None, cancellation);
        }
        catch (Exception error) when (error is AwsException or IncompleteReadException)
        {
            return (null, $"Repository {repository} could not be read: {error.Message}");
        }

        var live = new Domain.Inventory([current], [.. usage.SelectMany(read => read.Uses)], [.. usage.SelectMany(read => read.TaskDefinitions)]);
        return (RetentionEngine.Evaluate(live, policies, pins, time.GetUtcNow()).Repositories.Single(), null);
    }

    /// <summary>Usage only is read from the sources here: no registry hands over repositories.</summary>
    private static ValueTask NoRepositories(RepositoryRecord repository, CancellationToken cancellation) =>
        throw new InvalidOperationException("The live check reads usage only from its sources.");
}
