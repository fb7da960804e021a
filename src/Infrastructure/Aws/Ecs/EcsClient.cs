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

    public Task<(List<EcsService> Found, List<EcsFailure> Failures)> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellation) =>
        Batches<DescribeServicesResponse, EcsService>(services, ServicesPerCall, "DescribeServices", batch => new DescribeServicesRequest(cluster, batch), page => (page.Services, page.Failures), cancellation);

    public Task<(List<ServiceRevision> Found, List<EcsFailure> Failures)> DescribeServiceRevisionsAsync(IReadOnlyList<string> arns, CancellationToken cancellation) =>
        Batches<DescribeServiceRevisionsResponse, ServiceRevision>(arns, RevisionsPerCall, "DescribeServiceRevisions", batch => new DescribeServiceRevisionsRequest(batch), page => (page.ServiceRevisions, page.Failures), cancellation);

    public Task<(List<EcsTask> Found, List<EcsFailure> Failures)> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken cancellation) =>
        Batches<DescribeTasksResponse, EcsTask>(tasks, TasksPerCall, "DescribeTasks", batch => new DescribeTasksRequest(cluster, batch), page => (page.Tasks, page.Failures), cancellation);

    /// <summary>A task definition by ARN or <c>family:revision</c>, described once per client.</summary>
    public Task<EcsTaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellation) =>
        definitions.GetOrAdd(taskDefinition, async name =>
        {
            var answer = await client.SendAsync<DescribeTaskDefinitionResponse>("DescribeTaskDefinition", new DescribeTaskDefinitionRequest(name), cancellation);
            return answer.TaskDefinition ?? throw new Inventory.IncompleteReadException($"DescribeTaskDefinition answered no task definition for {name}.");
        });

    /// <summary>Describes in batches of AWS's limit, the batches under way at once (the account-region's gate bounds them).</summary>
    private async Task<(List<TItem> Found, List<EcsFailure> Failures)> Batches<TAnswer, TItem>(
        IReadOnlyList<string> names, int limit, string operation, Func<List<string>, object> request, Func<TAnswer, (List<TItem>? Found, List<EcsFailure>? Failures)> read, CancellationToken cancellation)
    {
        var answers = await Task.WhenAll(names.Chunk(limit).Select(batch => client.SendAsync<TAnswer>(operation, request([.. batch]), cancellation)));
        return ([.. answers.SelectMany(answer => read(answer).Found ?? [])], [.. answers.SelectMany(answer => read(answer).Failures ?? [])]);
    }

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
        while (!string.IsNullOrEmpty(next));
        return items;
    }
}
