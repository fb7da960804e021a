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

        return calls + OfUsage(account);
    }

    /// <summary>
    /// The fewest for executing proposals of <paramref name="candidates"/> images per repository: before each batch
    /// (at most 100 images) the repository read again (ListTagsForResource for its team, DescribeImages; its manifests
    /// are known from the snapshot), the batch's BatchDeleteImage, and usage read once if every batch is sent within
    /// the age limit of one read.
    /// </summary>
    public static long OfExecution(WorldAccount account, IReadOnlyDictionary<string, int> candidates)
    {
        long calls = 0;
        foreach (var repository in account.Repositories.Where(repository => candidates.ContainsKey(repository.Name)))
        {
            calls += Batches(candidates[repository.Name], 100) * (1 + Pages(repository.Images.Count, 1000) + 1);
        }

        return calls + OfUsage(account);
    }

    /// <summary>The fewest for reading the account-region's ECS usage.</summary>
    public static long OfUsage(WorldAccount account)
    {
        long calls = Pages(account.Clusters.Count, 100); // ListClusters
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

        calls += definitions.Count; // DescribeTaskDefinition
        var versions = account.LambdaFunctions.Sum(function => function.Versions.Count);
        var images = account.LambdaFunctions.Where(function => function.IsImage).ToList();
        calls += Pages(versions, 50); // ListFunctions (FunctionVersion=ALL)
        return calls + images.Sum(function => Pages(function.Aliases.Count, 50) + function.Versions.Count); // ListAliases, GetFunction per version
    }

    private static long Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    private static long Batches(int items, int batchSize) => (items + batchSize - 1) / batchSize;
}
