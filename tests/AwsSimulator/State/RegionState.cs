using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.State;

/// <summary>What one account has in one region: its registry, task definitions, clusters and Lambda functions.</summary>
internal sealed class RegionState(string accountId, string region, DateTimeOffset loadedAt)
{
    public string AccountId { get; } = accountId;

    public string Region { get; } = region;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public SortedList<string, RepositoryState> Repositories { get; } = new(StringComparer.Ordinal);

    public TaskDefinitionBook TaskDefinitions { get; } = new();

    public SortedList<string, ClusterState> Clusters { get; } = new(StringComparer.Ordinal);

    /// <summary>Lambda functions by name, as ListFunctions orders them.</summary>
    public SortedList<string, WorldLambdaFunction> LambdaFunctions { get; } = new(StringComparer.Ordinal);

    public static RegionState From(WorldAccount account, DateTimeOffset loadedAt)
    {
        var state = new RegionState(account.AccountId, account.Region, loadedAt);
        foreach (var repository in account.Repositories)
        {
            var createdAt = repository.CreatedAt ?? (repository.Images.Count > 0 ? repository.Images.Min(image => image.PushedAt) : loadedAt);
            var repositoryState = new RepositoryState(repository.Name, createdAt, repository.Tags) { LifecyclePolicy = repository.LifecyclePolicy };
            foreach (var image in repository.Images.OrderBy(image => image.Digest, StringComparer.Ordinal))
            {
                repositoryState.Put(image);
            }

            state.Repositories[repository.Name] = repositoryState;
        }

        foreach (var definition in account.TaskDefinitions)
        {
            state.TaskDefinitions.Register(definition);
        }

        foreach (var cluster in account.Clusters)
        {
            var clusterState = new ClusterState(cluster.Name, loadedAt);
            foreach (var service in cluster.Services)
            {
                clusterState.Services[service.Name] = new ServiceEntry(service, loadedAt);
            }

            foreach (var task in cluster.Tasks)
            {
                clusterState.PutTask(new TaskEntry(task, loadedAt));
            }

            state.Clusters[cluster.Name] = clusterState;
        }

        foreach (var function in account.LambdaFunctions)
        {
            state.LambdaFunctions[function.Name] = function;
        }

        return state;
    }

    public WorldAccount ToWorld() => new()
    {
        AccountId = AccountId,
        Region = Region,
        Repositories = [.. Repositories.Values.Select(repository => new WorldRepository
        {
            Name = repository.Name,
            CreatedAt = repository.CreatedAt,
            Tags = repository.Tags,
            Images = [.. repository.Images.Values],
            LifecyclePolicy = repository.LifecyclePolicy,
        })],
        TaskDefinitions = [.. TaskDefinitions.All.Values],
        Clusters = [.. Clusters.Values.Select(cluster => new WorldCluster
        {
            Name = cluster.Name,
            Services = [.. cluster.Services.Values.Select(entry => entry.Service)],
            Tasks = [.. cluster.Tasks.Values.Select(entry => entry.Task)],
        })],
        LambdaFunctions = [.. LambdaFunctions.Values],
    };
}
