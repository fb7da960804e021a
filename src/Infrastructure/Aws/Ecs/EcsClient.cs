using System.Collections.Concurrent;

namespace EcrCurator.Infrastructure.Aws.Ecs;

/// <summary>The ECS operations the product calls, every page and every batch within ECS's limits.</summary>
public sealed class EcsClient(AwsJsonClient client)
{
    private const int PageLimit = 100;
    private const int ServicesPerCall = 10;
    private const int RevisionsPerCall = 20;
    private const int TasksPerCall = 100;

    private readonly ConcurrentDictionary<string, Task<EcsTaskDefinition>> definitions = new();

    public Task<List<string>> ListClustersAsync(CancellationToken cancellation) =>
        Pages<ListClustersResponse>("ListClusters", next => new ListClustersRequest(next, PageLimit), page => (page.ClusterArns, page.NextToken), cancellation);

    /// <summary>The cluster's ACTIVE services (ListServices lists no others).</summary>
    public Task<List<string>> ListServicesAsync(string cluster, CancellationToken cancellation) =>
        Pages<ListServicesResponse>("ListServices", next => new ListServicesRequest(cluster, next, PageLimit), page => (page.ServiceArns, page.NextToken), cancellation);

    /// <summary>Tasks whose desired status is RUNNING: provisioning, pending, activating or running.</summary>
    public Task<List<string>> ListRunningTasksAsync(string cluster, CancellationToken cancellation) =>
        Pages<ListTasksResponse>("ListTasks", next => new ListTasksRequest(cluster, "RUNNING", next, PageLimit), page => (page.TaskArns, page.NextToken), cancellation);

    public Task<List<string>> ListActiveTaskDefinitionsAsync(string family, CancellationToken cancellation) =>
        Pages<ListTaskDefinitionsResponse>("ListTaskDefinitions", next => new ListTaskDefinitionsRequest(family, "ACTIVE", "DESC", next, PageLimit), page => (page.TaskDefinitionArns, page.NextToken), cancellation);

    public async Task<(List<EcsService> Services, List<EcsFailure> Failures)> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellation)
    {
        var found = new List<EcsService>();
        var failures = new List<EcsFailure>();
        foreach (var batch in services.Chunk(ServicesPerCall))
        {
            var answer = await client.SendAsync<DescribeServicesResponse>("DescribeServices", new DescribeServicesRequest(cluster, [.. batch]), cancellation);
            found.AddRange(answer.Services ?? []);
            failures.AddRange(answer.Failures ?? []);
        }

        return (found, failures);
    }

    public async Task<(List<ServiceRevision> Revisions, List<EcsFailure> Failures)> DescribeServiceRevisionsAsync(IReadOnlyList<string> arns, CancellationToken cancellation)
    {
        var found = new List<ServiceRevision>();
        var failures = new List<EcsFailure>();
        foreach (var batch in arns.Chunk(RevisionsPerCall))
        {
            var answer = await client.SendAsync<DescribeServiceRevisionsResponse>("DescribeServiceRevisions", new DescribeServiceRevisionsRequest([.. batch]), cancellation);
            found.AddRange(answer.ServiceRevisions ?? []);
            failures.AddRange(answer.Failures ?? []);
        }

        return (found, failures);
    }

    public async Task<(List<EcsTask> Tasks, List<EcsFailure> Failures)> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken cancellation)
    {
        var found = new List<EcsTask>();
        var failures = new List<EcsFailure>();
        foreach (var batch in tasks.Chunk(TasksPerCall))
        {
            var answer = await client.SendAsync<DescribeTasksResponse>("DescribeTasks", new DescribeTasksRequest(cluster, [.. batch]), cancellation);
            found.AddRange(answer.Tasks ?? []);
            failures.AddRange(answer.Failures ?? []);
        }

        return (found, failures);
    }

    /// <summary>A task definition by ARN or <c>family:revision</c>, described once per client.</summary>
    public Task<EcsTaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellation) =>
        definitions.GetOrAdd(taskDefinition, async name =>
        {
            var answer = await client.SendAsync<DescribeTaskDefinitionResponse>("DescribeTaskDefinition", new DescribeTaskDefinitionRequest(name), cancellation);
            return answer.TaskDefinition ?? throw new InvalidOperationException($"DescribeTaskDefinition answered no task definition for {name}.");
        });

    private async Task<List<string>> Pages<TPage>(string operation, Func<string?, object> request, Func<TPage, (List<string>? Items, string? Next)> read, CancellationToken cancellation)
    {
        var items = new List<string>();
        string? next = null;
        do
        {
            var (found, token) = read(await client.SendAsync<TPage>(operation, request(next), cancellation));
            items.AddRange(found ?? []);
            next = token;
        }
        while (next is not null);
        return items;
    }
}
