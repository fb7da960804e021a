using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>DescribeRepositories and ListTagsForResource.</summary>
internal static class RepositoryOperations
{
    public sealed record DescribeRepositoriesRequest
    {
        public string? RegistryId { get; init; }

        public IReadOnlyList<string>? RepositoryNames { get; init; }

        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }
    }

    public sealed record ListTagsForResourceRequest
    {
        public string? ResourceArn { get; init; }
    }

    public static object DescribeRepositories(AwsCall call)
    {
        var input = call.Read<DescribeRepositoriesRequest>();
        var registry = EcrRegistry.RegistryId(call, input.RegistryId);
        if (input.RepositoryNames is { } names)
        {
            if (input.NextToken is not null || input.MaxResults is not null)
            {
                throw AwsException.InvalidParameter("nextToken and maxResults cannot be used when repositoryNames are given");
            }

            if (names.Count is < 1 or > 100)
            {
                throw AwsException.InvalidParameter("1 validation error detected: Value at 'repositoryNames' failed to satisfy constraint: Member must have length between 1 and 100");
            }
        }

        var size = Paging.PageSize(input.MaxResults, 100, 1000);
        return call.State.Read(state =>
        {
            var region = state.Find(registry, call.Region);
            if (input.RepositoryNames is { } names)
            {
                var found = names.Distinct().Select(name => region?.Repositories.GetValueOrDefault(name) ?? throw EcrRegistry.NotFound(name, registry));
                return new { repositories = found.Select(repository => EcrRegistry.Describe(region!, repository)).ToList() };
            }

            if (region is null)
            {
                return (object)new { repositories = Array.Empty<RepositoryDetail>() };
            }

            var page = Paging.Take(region.Repositories, input.NextToken, "DescribeRepositories", size, repository => EcrRegistry.Describe(region, repository));
            return new { repositories = page.Items, nextToken = page.NextToken };
        });
    }

    public static object ListTagsForResource(AwsCall call)
    {
        var input = call.Read<ListTagsForResourceRequest>();
        var arn = input.ResourceArn ?? throw AwsException.InvalidParameter("1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null");
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1] != call.Partition || parts[2] != "ecr" || !parts[5].StartsWith("repository/", StringComparison.Ordinal))
        {
            throw AwsException.InvalidParameter($"Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: {arn}'");
        }

        var (region, account, name) = (parts[3], parts[4], parts[5]["repository/".Length..]);
        return call.State.Read(state =>
        {
            var repository = state.Find(account, region)?.Repositories.GetValueOrDefault(name) ?? throw EcrRegistry.NotFound(name, account);
            return new { tags = repository.Tags.Select(tag => new ResourceTag(tag.Key, tag.Value)).ToList() };
        });
    }
}
