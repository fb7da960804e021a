using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecs;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// Reads what ECS runs in one account-region: every running task, and every PRIMARY or ACTIVE deployment (or
/// task set) of every ACTIVE service with the digests ECS resolved for its current service revisions.
/// </summary>
public sealed class EcsUsageReader(AwsConnections connections, IOptions<AwsOptions> options) : IUsageReader
{
    private static readonly string[] CountedDeployments = ["PRIMARY", "ACTIVE"];

    public async Task<UsageRead> ReadAsync(AccountRegion source, int rollbackDepth, CancellationToken cancellation)
    {
        var ecs = new EcsClient(connections.Client(source, AwsService.Ecs));
        var uses = new ConcurrentBag<ImageUse>();
        var used = new ConcurrentDictionary<string, EcsTaskDefinition>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Aws.MaxConcurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(await ecs.ListClustersAsync(cancellation), parallel, async (cluster, token) =>
        {
            await new ClusterReader(ecs, source, cluster, uses, used).ReadAsync(token);
        });

        var definitions = rollbackDepth == 0
            ? used.Values.ToList()
            : await RollbackCandidatesAsync(ecs, used.Values, rollbackDepth, cancellation);
        return new UsageRead([.. uses], [.. definitions.DistinctBy(definition => (definition.Family, definition.Revision)).Select(definition => ToRecord(source, definition))]);
    }

    /// <summary>The newest ACTIVE revisions of every family in use, the ones in use included.</summary>
    private static async Task<List<EcsTaskDefinition>> RollbackCandidatesAsync(
        EcsClient ecs, ICollection<EcsTaskDefinition> used, int depth, CancellationToken cancellation)
    {
        var newest = await Task.WhenAll(used.Select(definition => definition.Family).Distinct(StringComparer.Ordinal).Select(async family =>
        {
            // Only the family asked for (familyPrefix is the whole family name in ECS, a prefix elsewhere), newest revision
            // first whatever order the server answered in.
            var arns = (await ecs.ListActiveTaskDefinitionsAsync(family, cancellation))
                .Select(arn => (Arn: arn, Name: FamilyRevisionOf(arn)))
                .Where(definition => definition.Name.Family == family)
                .OrderByDescending(definition => definition.Name.Revision)
                .Take(depth)
                .Select(definition => definition.Arn);
            return await Task.WhenAll(arns.Select(arn => ecs.DescribeTaskDefinitionAsync(arn, cancellation)));
        }));
        return [.. used, .. newest.SelectMany(definitions => definitions)];
    }

    private static TaskDefinitionRecord ToRecord(AccountRegion source, EcsTaskDefinition definition) => new(
        source.AccountId,
        source.Region,
        definition.Family,
        definition.Revision,
        definition.Status is null or "ACTIVE",
        [.. (definition.ContainerDefinitions ?? []).Select(container => container.Image).OfType<string>()]);

    /// <summary>The family and revision of <c>arn:…:task-definition/FAMILY:REVISION</c> (revision 0 when it has none).</summary>
    private static (string Family, int Revision) FamilyRevisionOf(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon >= 0 && int.TryParse(name[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision)
            ? (name[..colon], revision)
            : (name, 0);
    }

    /// <summary>The services and tasks of one cluster.</summary>
    private sealed class ClusterReader(
        EcsClient ecs, AccountRegion source, string clusterArn, ConcurrentBag<ImageUse> uses, ConcurrentDictionary<string, EcsTaskDefinition> used)
    {
        private readonly string cluster = clusterArn[(clusterArn.LastIndexOf('/') + 1)..];

        public Task ReadAsync(CancellationToken cancellation) => Task.WhenAll(ReadServicesAsync(cancellation), ReadTasksAsync(cancellation));

        private async Task ReadServicesAsync(CancellationToken cancellation)
        {
            var (described, failures) = await ecs.DescribeServicesAsync(clusterArn, await ecs.ListServicesAsync(clusterArn, cancellation), cancellation);
            Require(failures, "DescribeServices");
            var services = described.Where(service => service.Status == "ACTIVE").ToList();
            var deployments = services
                .SelectMany(service => (service.Deployments ?? []).Concat(service.TaskSets ?? [])
                    .Where(deployment => CountedDeployments.Contains(deployment.Status))
                    .Select(deployment => (service.ServiceName, deployment.TaskDefinition)))
                .ToList();
            var revisionsOf = services
                .SelectMany(service => (service.CurrentServiceRevisions ?? []).Select(revision => (revision.Arn, service.ServiceName)))
                .Where(revision => revision.Arn is not null)
                .DistinctBy(revision => revision.Arn)
                .ToDictionary(revision => revision.Arn!, revision => revision.ServiceName);
            var (revisions, missing) = await ecs.DescribeServiceRevisionsAsync([.. revisionsOf.Keys], cancellation);
            if (missing.FirstOrDefault() is { } undescribed)
            {
                // A current revision's digests may be all that protects what a service scaled to zero was deployed with.
                throw new IncompleteReadException($"DescribeServiceRevisions in cluster {cluster} could not describe {undescribed.Arn}: {undescribed.Reason} {undescribed.Detail}");
            }
            var definitions = await DefinitionsAsync(deployments.Select(deployment => deployment.TaskDefinition).Concat(revisions.Select(revision => revision.TaskDefinition)), cancellation);

            foreach (var (service, arn) in deployments)
            {
                var definition = definitions[arn!];
                foreach (var container in definition.ContainerDefinitions ?? [])
                {
                    Use(container.Image, null, Site(definition, service, null));
                }
            }

            foreach (var revision in revisions)
            {
                var definition = definitions[revision.TaskDefinition!];
                var service = revision.ServiceRevisionArn is { } arn && revisionsOf.TryGetValue(arn, out var name) ? name : null;
                foreach (var image in revision.ContainerImages ?? [])
                {
                    var declared = definition.ContainerDefinitions?.FirstOrDefault(container => container.Name == image.ContainerName)?.Image;
                    Use(image.Image ?? declared, image.ImageDigest, Site(definition, service, null));
                }
            }
        }

        private async Task ReadTasksAsync(CancellationToken cancellation)
        {
            var (tasks, failures) = await ecs.DescribeTasksAsync(clusterArn, await ecs.ListRunningTasksAsync(clusterArn, cancellation), cancellation);
            Require(failures, "DescribeTasks");
            var definitions = await DefinitionsAsync(tasks.Select(task => task.TaskDefinitionArn), cancellation);
            foreach (var task in tasks)
            {
                var definition = definitions[task.TaskDefinitionArn!];
                var service = task.Group is { } group && group.StartsWith("service:", StringComparison.Ordinal) ? group["service:".Length..] : null;
                var site = Site(definition, service, task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..]);
                var containers = task.Containers ?? [];
                foreach (var container in containers)
                {
                    var declared = definition.ContainerDefinitions?.FirstOrDefault(defined => defined.Name == container.Name)?.Image;
                    Use(container.Image ?? declared, container.ImageDigest, site);
                }

                foreach (var defined in (definition.ContainerDefinitions ?? []).Where(defined => containers.All(container => container.Name != defined.Name)))
                {
                    Use(defined.Image, null, site);
                }
            }
        }

        /// <summary>Every task definition named, each described once, all under way at once.</summary>
        private async Task<Dictionary<string, EcsTaskDefinition>> DefinitionsAsync(IEnumerable<string?> arns, CancellationToken cancellation)
        {
            var names = arns.Select(arn => arn ?? throw new IncompleteReadException($"ECS named no task definition in cluster {cluster}.")).Distinct().ToList();
            var definitions = await Task.WhenAll(names.Select(name => ecs.DescribeTaskDefinitionAsync(name, cancellation)));
            foreach (var definition in definitions)
            {
                used.TryAdd(definition.TaskDefinitionArn ?? $"{definition.Family}:{definition.Revision}", definition);
            }

            return names.Zip(definitions).ToDictionary(pair => pair.First, pair => pair.Second);
        }

        private EcsSite Site(EcsTaskDefinition definition, string? service, string? task) =>
            new(source.AccountId, source.Region, cluster, service, task, definition.Family, definition.Revision);

        private void Use(string? image, string? digest, UsageSite site)
        {
            // A reference names the repository a reported digest belongs to; without one the digest cannot be protected.
            uses.Add(new ImageUse(image ?? throw new IncompleteReadException($"ECS reported digest {digest} in cluster {cluster} without an image reference."), digest, site));
        }

        /// <summary>Something listed a moment ago and now MISSING is gone; any other failure leaves usage unknown.</summary>
        private void Require(List<EcsFailure> failures, string operation)
        {
            var unknown = failures.FirstOrDefault(failure => failure.Reason != "MISSING");
            if (unknown is not null)
            {
                throw new IncompleteReadException($"{operation} in cluster {cluster} could not describe {unknown.Arn}: {unknown.Reason} {unknown.Detail}");
            }
        }
    }
}
