using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>
/// DescribeTaskDefinition (by <c>family:revision</c>, by ARN, or by family alone for its latest ACTIVE revision) and
/// ListTaskDefinitions (<c>familyPrefix</c> is the whole family name, as in ECS; <c>status</c> ACTIVE by default; <c>sort</c> ASC or DESC).
/// </summary>
internal static class TaskDefinitionOperations
{
    private static readonly string[] Statuses = ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"];

    public sealed record DescribeRequest
    {
        public string? TaskDefinition { get; init; }

        public IReadOnlyList<string>? Include { get; init; }
    }

    public sealed record ListRequest
    {
        public string? FamilyPrefix { get; init; }

        public string? Status { get; init; }

        public string? Sort { get; init; }

        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }
    }

    public static object DescribeTaskDefinition(AwsCall call)
    {
        var input = call.Read<DescribeRequest>();
        var name = Arns.ResourceOf(input.TaskDefinition ?? throw AwsException.InvalidParameter("taskDefinition cannot be empty."), "task-definition");
        return call.State.Read(state =>
        {
            var book = EcsNames.Region(state, call)?.TaskDefinitions;
            var definition = name.Contains(':', StringComparison.Ordinal) ? book?.Find(name) : book?.LatestActive(name);
            if (definition is null)
            {
                throw new AwsException("ClientException", "Unable to describe task definition.");
            }

            var tags = input.Include?.Contains("TAGS") == true ? Array.Empty<EcsTag>() : null;
            return new { taskDefinition = Describe(EcsNames.Region(state, call)!, definition), tags };
        });
    }

    public static TaskDefinitionDetail Describe(RegionState region, WorldTaskDefinition definition) => new(
        EcsNames.TaskDefinitionArn(region, definition.Name),
        [.. definition.Containers.Select(container => new ContainerDefinitionDetail(container.Name, container.Image, true))],
        definition.Family,
        definition.Revision,
        definition.Status,
        region.LoadedAt);

    public static object ListTaskDefinitions(AwsCall call)
    {
        var input = call.Read<ListRequest>();
        var status = input.Status ?? "ACTIVE";
        var sort = input.Sort ?? "ASC";
        if (!Statuses.Contains(status) || sort is not ("ASC" or "DESC"))
        {
            throw AwsException.InvalidParameter($"status '{status}' or sort '{sort}' is not a valid value.");
        }

        var size = Paging.PageSize(input.MaxResults, 100, 100);
        return call.State.Read(state =>
        {
            if (EcsNames.Region(state, call) is not { } region)
            {
                return (object)new { taskDefinitionArns = Array.Empty<string>() };
            }

            IEnumerable<WorldTaskDefinition> definitions = input.FamilyPrefix is { } family ? region.TaskDefinitions.Family(family) : region.TaskDefinitions.All.Values;
            var matching = definitions.Where(definition => definition.Status == status).ToList();
            if (sort == "DESC" && !call.IgnoreSort)
            {
                matching.Reverse();
            }

            var page = Paging.Take(matching, definition => definition.Name, input.NextToken, "ListTaskDefinitions", size);
            return new { taskDefinitionArns = page.Items.Select(definition => EcsNames.TaskDefinitionArn(region, definition.Name)).ToList(), nextToken = page.NextToken };
        });
    }
}
