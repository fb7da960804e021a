using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>ListServices (ACTIVE services only, 10 a page by default) and DescribeServices (up to 10 by name or ARN).</summary>
internal static class ServiceOperations
{
    public sealed record ListServicesRequest
    {
        public string? Cluster { get; init; }

        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }
    }

    public sealed record DescribeServicesRequest
    {
        public string? Cluster { get; init; }

        public IReadOnlyList<string>? Services { get; init; }

        public IReadOnlyList<string>? Include { get; init; }
    }

    public static object ListServices(AwsCall call)
    {
        var input = call.Read<ListServicesRequest>();
        var size = Paging.PageSize(input.MaxResults, 10, 100);
        return call.State.Read(state =>
        {
            var (region, cluster) = EcsNames.Cluster(state, call, input.Cluster);
            var page = Paging.Take(cluster.Services, input.NextToken, "ListServices", size, entry =>
                entry.Service.Status == "ACTIVE" ? EcsNames.ServiceArn(region, cluster.Name, entry.Service.Name) : null);
            return new { serviceArns = page.Items, nextToken = page.NextToken };
        });
    }

    public static object DescribeServices(AwsCall call)
    {
        var input = call.Read<DescribeServicesRequest>();
        var names = input.Services ?? throw AwsException.InvalidParameter("Services cannot be empty.");
        if (names.Count is < 1 or > 10)
        {
            throw AwsException.InvalidParameter(names.Count < 1 ? "Services cannot be empty." : "services can have at most 10 items.");
        }

        var tags = input.Include?.Contains("TAGS") == true;
        return call.State.Read(state =>
        {
            var (region, cluster) = EcsNames.Cluster(state, call, input.Cluster);
            var services = new List<ServiceDetail>();
            var failures = new List<Failure>();
            foreach (var name in names.Select(value => EcsNames.LastPart(value, "service")))
            {
                if (cluster.Services.GetValueOrDefault(name) is { } entry)
                {
                    services.Add(ServiceDescription.Describe(region, cluster, entry) with { Tags = tags ? [] : null });
                }
                else
                {
                    failures.Add(new Failure(EcsNames.ServiceArn(region, cluster.Name, name), "MISSING"));
                }
            }

            return new { services, failures };
        });
    }
}
