using System.Text;
using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>ECS names and ARNs: clusters by name or ARN (<c>default</c> when none is given), and the ARNs of answers.</summary>
internal static class EcsNames
{
    public static RegionState? Region(SimulatorState state, AwsCall call) => state.Find(call.AccountId, call.Region);

    public static (RegionState Region, ClusterState Cluster) Cluster(SimulatorState state, AwsCall call, string? cluster)
    {
        var name = Arns.ResourceOf(cluster ?? "default", "cluster");
        var region = Region(state, call);
        return region?.Clusters.GetValueOrDefault(name) is { } found
            ? (region, found)
            : throw new AwsException("ClusterNotFoundException", "Cluster not found.");
    }

    /// <summary>The last part of a name or ARN (<c>service/cluster/name</c> or <c>task/cluster/id</c>).</summary>
    public static string LastPart(string value, string type)
    {
        var resource = Arns.ResourceOf(value, type);
        return resource[(resource.LastIndexOf('/') + 1)..];
    }

    public static string ClusterArn(RegionState region, string cluster) => Arns.Ecs(region.AccountId, region.Region, $"cluster/{cluster}");

    public static string ServiceArn(RegionState region, string cluster, string service) => Arns.Ecs(region.AccountId, region.Region, $"service/{cluster}/{service}");

    public static string TaskArn(RegionState region, string cluster, string id) => Arns.Ecs(region.AccountId, region.Region, $"task/{cluster}/{id}");

    public static string TaskDefinitionArn(RegionState region, string name) => Arns.Ecs(region.AccountId, region.Region, $"task-definition/{name}");

    public static string RevisionArn(RegionState region, string cluster, string service, WorldDeployment deployment) =>
        Arns.Ecs(region.AccountId, region.Region, $"service-revision/{cluster}/{service}/{RevisionId(cluster, service, deployment)}");

    public static string DeploymentId(string cluster, string service, WorldDeployment deployment) => $"ecs-svc/{RevisionId(cluster, service, deployment)}";

    /// <summary>A stable 19-digit id for a deployment, from what it deploys (ECS's ids look the same).</summary>
    public static string RevisionId(string cluster, string service, WorldDeployment deployment) =>
        Hash($"{cluster}/{service}/{deployment.TaskDefinition}/{string.Join(',', deployment.ImageDigests ?? [])}").ToString("D19");

    public static long Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (long)(hash % 8_000_000_000_000_000_000UL) + 1_000_000_000_000_000_000L;
    }
}
