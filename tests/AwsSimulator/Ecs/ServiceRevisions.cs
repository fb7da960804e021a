using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>DescribeServiceRevisions: up to 20 revision ARNs, each with its task definition and the digests ECS resolved.</summary>
internal static class ServiceRevisions
{
    public sealed record Request
    {
        public IReadOnlyList<string>? ServiceRevisionArns { get; init; }
    }

    public static object DescribeServiceRevisions(AwsCall call)
    {
        var arns = call.Read<Request>().ServiceRevisionArns ?? [];
        if (arns.Count is < 1 or > 20)
        {
            throw AwsException.InvalidParameter(arns.Count < 1 ? "serviceRevisionArns cannot be empty." : "serviceRevisionArns can have at most 20 items.");
        }

        return call.State.Read(state =>
        {
            var revisions = new List<ServiceRevisionDetail>();
            var failures = new List<Failure>();
            foreach (var arn in arns)
            {
                if (Find(state, call, arn) is { } revision)
                {
                    revisions.Add(revision);
                }
                else
                {
                    failures.Add(new Failure(arn, "MISSING"));
                }
            }

            return new { serviceRevisions = revisions, failures };
        });
    }

    private static ServiceRevisionDetail? Find(SimulatorState state, AwsCall call, string arn)
    {
        var parts = Arns.ResourceOf(arn, "service-revision").Split('/');
        if (parts.Length != 3 || EcsNames.Region(state, call) is not { } region
            || region.Clusters.GetValueOrDefault(parts[0]) is not { } cluster
            || cluster.Services.GetValueOrDefault(parts[1]) is not { } entry)
        {
            return null;
        }

        var deployment = entry.Service.Deployments.FirstOrDefault(deployment => EcsNames.RevisionId(cluster.Name, entry.Service.Name, deployment) == parts[2]);
        return deployment is null ? null : Describe(region, cluster, entry, deployment);
    }

    private static ServiceRevisionDetail Describe(RegionState region, ClusterState cluster, ServiceEntry entry, WorldDeployment deployment)
    {
        var containers = region.TaskDefinitions.Find(deployment.TaskDefinition)?.Containers ?? [];
        return new ServiceRevisionDetail(
            EcsNames.RevisionArn(region, cluster.Name, entry.Service.Name, deployment),
            EcsNames.ServiceArn(region, cluster.Name, entry.Service.Name),
            EcsNames.ClusterArn(region, cluster.Name),
            EcsNames.TaskDefinitionArn(region, deployment.TaskDefinition),
            [.. containers.Select((container, i) => new ContainerImage(container.Name, deployment.ImageDigests?.ElementAtOrDefault(i), container.Image))],
            entry.CreatedAt);
    }
}
