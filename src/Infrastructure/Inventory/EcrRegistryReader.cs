using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads a registry over ECR: repositories, their tags (for the team), images (archived too) and manifests.</summary>
public sealed class EcrRegistryReader(AwsConnections connections, IOptions<AwsOptions> options) : IRegistryReader
{
    public async Task<RegistryRead> ReadAsync(
        AccountRegion registry, TeamRules teams, KnownManifests known, RepositorySink accept, IProgress<RegistryProgress>? progress, CancellationToken cancellation)
    {
        var ecr = new EcrClient(connections.Client(registry, AwsService.Ecr));
        var repositories = await ecr.DescribeRepositoriesAsync(cancellation);
        var problems = new ConcurrentBag<string>();
        var leftOut = new ConcurrentBag<string>();
        var read = 0;
        var done = 0;
        progress?.Report(new RegistryProgress(0, repositories.Count));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Aws.ReadsInFlight, CancellationToken = cancellation };
        await Parallel.ForEachAsync(repositories, parallel, async (repository, token) =>
        {
            RepositoryRecord? record = null;
            var lifecycle = LifecyclePolicyRead.StartAsync(ecr, repository.RepositoryName, token);
            try
            {
                var read = await ReadRepositoryAsync(ecr, registry, repository, teams, known, token);
                record = (await lifecycle).AddTo(read);
            }
            catch (Exception error) when (error is AwsException or IncompleteReadException)
            {
                problems.Add($"Repository {registry}/{repository.RepositoryName} is left out: {error.Message}");
                leftOut.Add(repository.RepositoryName);
            }

            if (record is not null)
            {
                await accept(record, token);
                Interlocked.Increment(ref read);
            }

            progress?.Report(new RegistryProgress(Interlocked.Increment(ref done), repositories.Count));
        });
        return new RegistryRead(read, [.. problems.Order(StringComparer.Ordinal)], [.. leftOut]);
    }

    public Task<RepositoryRecord> ReadRepositoryAsync(AccountRegion registry, string name, TeamRules teams, KnownManifests known, CancellationToken cancellation)
    {
        var repository = new EcrRepository(AwsPartition.Arn("ecr", registry.Region, registry.AccountId, $"repository/{name}"), registry.AccountId, name, null);
        return ReadRepositoryAsync(new EcrClient(connections.Client(registry, AwsService.Ecr)), registry, repository, teams, known, cancellation);
    }

    private static async Task<RepositoryRecord> ReadRepositoryAsync(
        EcrClient ecr, AccountRegion registry, EcrRepository repository, TeamRules teams, KnownManifests known, CancellationToken cancellation)
    {
        var key = new RepositoryKey(registry.AccountId, registry.Region, repository.RepositoryName);
        var tags = await ecr.ListTagsAsync(repository.RepositoryArn, cancellation);
        var images = await RepositoryImages.ReadAsync(ecr, key, known, cancellation);
        return new RepositoryRecord(key, teams.TeamOf(repository.RepositoryName, tags), images)
        {
            Tags = tags,
        };
    }
}

/// <summary>Something AWS answered leaves the read incomplete.</summary>
public sealed class IncompleteReadException(string message) : Exception(message);
