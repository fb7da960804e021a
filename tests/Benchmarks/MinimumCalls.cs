using EcrCurator.Worlds;

namespace EcrCurator.Benchmarks;

/// <summary>The fewest calls AWS's page and batch limits allow for reading one account-region completely.</summary>
public static class MinimumCalls
{
    private static readonly string[] Counted = ["PRIMARY", "ACTIVE"];

    public static long Of(WorldAccount account)
    {
        long calls = Pages(account.Repositories.Count, 1000); // DescribeRepositories
        foreach (var repository in account.Repositories)
        {
            var active = repository.Images.Count(image => image.ImageStatus is null or "ACTIVE");
            calls += 2 + Pages(repository.Images.Count, 1000) + Batches(active, 100); // ListTagsForResource, GetLifecyclePolicy, DescribeImages, BatchGetImage
        }

        calls += Pages(account.Clusters.Count, 100); // ListClusters
        var definitions = new HashSet<string>();
        foreach (var cluster in account.Clusters)
        {
            var services = cluster.Services.Where(service => service.Status == "ACTIVE").ToList();
            var deployments = services.SelectMany(service => service.Deployments.Where(deployment => Counted.Contains(deployment.Status))).ToList();
            var tasks = cluster.Tasks.Where(task => task.EffectiveDesiredStatus == "RUNNING").ToList();
            calls += Pages(services.Count, 100) + Batches(services.Count, 10) + Batches(deployments.Count, 20); // ListServices, DescribeServices, DescribeServiceRevisions
            calls += Pages(tasks.Count, 100) + Batches(tasks.Count, 100); // ListTasks, DescribeTasks
            definitions.UnionWith(deployments.Select(deployment => deployment.TaskDefinition).Concat(tasks.Select(task => task.TaskDefinition)));
        }

        return calls + definitions.Count; // DescribeTaskDefinition
    }

    private static long Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    private static long Batches(int items, int batchSize) => (items + batchSize - 1) / batchSize;
}
