using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>ListClusters: pages of up to 100 cluster ARNs.</summary>
internal static class ClusterOperations
{
    public sealed record ListClustersRequest
    {
        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }
    }

    public static object ListClusters(AwsCall call)
    {
        var input = call.Read<ListClustersRequest>();
        var size = Paging.PageSize(input.MaxResults, 100, 100);
        return call.State.Read(state =>
        {
            if (EcsNames.Region(state, call) is not { } region)
            {
                return (object)new { clusterArns = Array.Empty<string>() };
            }

            var page = Paging.Take(region.Clusters, input.NextToken, "ListClusters", size, cluster => EcsNames.ClusterArn(region, cluster.Name));
            return new { clusterArns = page.Items, nextToken = page.NextToken };
        });
    }
}
