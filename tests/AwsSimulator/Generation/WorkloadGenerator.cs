using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// Makes the ECS side of a generated world: per service, a task-definition family with up to three revisions (one per
/// recent tag), a PRIMARY deployment of the newest (sometimes still rolling out from the previous one), and its tasks.
/// </summary>
internal static class WorkloadGenerator
{
    public sealed record AccountWorkloads(IReadOnlyList<WorldTaskDefinition> TaskDefinitions, IReadOnlyList<WorldCluster> Clusters);

    public static (AccountWorkloads Registry, AccountWorkloads Workload) Generate(GeneratorSettings settings, Draws draws, IReadOnlyList<WorldRepository> repositories)
    {
        var definitions = new Dictionary<string, List<WorldTaskDefinition>> { [settings.RegistryAccount] = [], [settings.WorkloadAccount] = [] };
        var clusters = definitions.Keys.ToDictionary(account => account, _ => Enumerable.Range(0, settings.Clusters)
            .Select(c => (Services: new List<WorldService>(), Tasks: new List<WorldTask>())).ToArray());
        for (var r = 0; r < Math.Min(settings.Services, repositories.Count); r++)
        {
            var account = draws.Chance(settings.CrossAccountShare) ? settings.WorkloadAccount : settings.RegistryAccount;
            var repository = repositories[r];
            var uri = $"{Arns.Registry(settings.RegistryAccount, settings.Region)}/{repository.Name}";
            var releases = repository.Images.Where(image => image.Tags.Any(tag => tag.StartsWith("v1.", StringComparison.Ordinal)))
                .OrderBy(image => image.PushedAt).TakeLast(3).ToList();
            var family = repository.Name.Replace('/', '-');
            var revisions = releases.Select((image, i) => new WorldTaskDefinition
            {
                Family = family,
                Revision = i + 1,
                Containers = [new WorldContainerDefinition("app", $"{uri}:{image.Tags[0]}")],
            }).ToList();
            definitions[account].AddRange(revisions);
            var deployments = new List<WorldDeployment> { Deployment("PRIMARY", revisions[^1], releases[^1]) };
            if (revisions.Count > 1 && draws.Chance(0.1))
            {
                deployments.Add(Deployment("ACTIVE", revisions[^2], releases[^2]));
            }

            var name = family;
            var (services, tasks) = clusters[account][r % settings.Clusters];
            services.Add(new WorldService { Name = name, DesiredCount = settings.TasksPerService, Deployments = deployments });
            for (var t = 0; t < settings.TasksPerService + deployments.Count - 1; t++)
            {
                var deployment = deployments[Math.Max(0, t - settings.TasksPerService + 1)];
                tasks.Add(Task(draws, name, deployment, revisions.First(revision => revision.Name == deployment.TaskDefinition)));
            }
        }

        AccountWorkloads Of(string account) => new(definitions[account], [.. clusters[account].Select((cluster, c) => new WorldCluster
        {
            Name = $"cluster-{c}",
            Services = cluster.Services,
            Tasks = cluster.Tasks,
        }).Where(cluster => account == settings.RegistryAccount || cluster.Services.Count > 0)]);
        return (Of(settings.RegistryAccount), Of(settings.WorkloadAccount));
    }

    public static WorldDeployment Deployment(string status, WorldTaskDefinition definition, WorldImage image) =>
        new() { Status = status, TaskDefinition = definition.Name, ImageDigests = [image.Digest] };

    public static WorldTask Task(Draws draws, string service, WorldDeployment deployment, WorldTaskDefinition definition) => new()
    {
        Id = draws.TaskId(),
        TaskDefinition = definition.Name,
        LastStatus = "RUNNING",
        Group = $"service:{service}",
        Containers = [.. definition.Containers.Select((container, i) =>
            new WorldContainer(container.Name, container.Image) { ImageDigest = deployment.ImageDigests?.ElementAtOrDefault(i) })],
    };
}
