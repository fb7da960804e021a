using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>ListTasks (by desired status, RUNNING by default; by service, family or starter) and DescribeTasks (up to 100).</summary>
internal static class TaskOperations
{
    private static readonly string[] DesiredStatuses = ["RUNNING", "PENDING", "STOPPED"];

    public sealed record ListTasksRequest
    {
        public string? Cluster { get; init; }

        public string? Family { get; init; }

        public string? ServiceName { get; init; }

        public string? StartedBy { get; init; }

        public string? DesiredStatus { get; init; }

        public string? NextToken { get; init; }

        public int? MaxResults { get; init; }
    }

    public sealed record DescribeTasksRequest
    {
        public string? Cluster { get; init; }

        public IReadOnlyList<string>? Tasks { get; init; }

        public IReadOnlyList<string>? Include { get; init; }
    }

    public static object ListTasks(AwsCall call)
    {
        var input = call.Read<ListTasksRequest>();
        var desired = input.DesiredStatus ?? "RUNNING";
        if (!DesiredStatuses.Contains(desired))
        {
            throw AwsException.InvalidParameter($"desiredStatus '{desired}' is not RUNNING, PENDING or STOPPED.");
        }

        if (input.StartedBy is not null && (input.Family ?? input.ServiceName) is not null)
        {
            throw AwsException.InvalidParameter("startedBy must be the only filter when it is given.");
        }

        var size = Paging.PageSize(input.MaxResults, 100, 100);
        return call.State.Read(state =>
        {
            var (region, cluster) = EcsNames.Cluster(state, call, input.Cluster);
            var group = input.ServiceName is { } service ? $"service:{EcsNames.LastPart(service, "service")}" : null;
            if (group is not null && !cluster.Services.ContainsKey(group["service:".Length..]))
            {
                throw new AwsException("ServiceNotFoundException", "Service not found.");
            }

            var page = Paging.Take(cluster.Tasks, input.NextToken, "ListTasks", size, entry =>
                Matches(entry.Task, desired, group, input.Family)
                && (input.StartedBy is null || TaskDescription.Describe(region, cluster, entry, false).StartedBy == input.StartedBy)
                    ? EcsNames.TaskArn(region, cluster.Name, entry.Task.Id)
                    : null);
            return new { taskArns = page.Items, nextToken = page.NextToken };
        });
    }

    private static bool Matches(WorldTask task, string desired, string? group, string? family) =>
        task.EffectiveDesiredStatus == desired
        && (group is null || task.Group == group)
        && (family is null || task.TaskDefinition.StartsWith(family + ":", StringComparison.Ordinal));

    public static object DescribeTasks(AwsCall call)
    {
        var input = call.Read<DescribeTasksRequest>();
        var ids = input.Tasks ?? [];
        if (ids.Count is < 1 or > 100)
        {
            throw AwsException.InvalidParameter(ids.Count < 1 ? "Tasks cannot be empty." : "Tasks cannot have more than 100 items.");
        }

        var tags = input.Include?.Contains("TAGS") == true;
        return call.State.Read(state =>
        {
            var (region, cluster) = EcsNames.Cluster(state, call, input.Cluster);
            var tasks = new List<TaskDetail>();
            var failures = new List<Failure>();
            foreach (var id in ids.Select(value => EcsNames.LastPart(value, "task")).Distinct())
            {
                if (cluster.Tasks.GetValueOrDefault(id) is { } entry)
                {
                    tasks.Add(TaskDescription.Describe(region, cluster, entry, tags));
                }
                else
                {
                    failures.Add(new Failure(EcsNames.TaskArn(region, cluster.Name, id), "MISSING"));
                }
            }

            return new { tasks, failures };
        });
    }
}
