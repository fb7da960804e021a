using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.State;

/// <summary>
/// One ECS cluster: its services by name and its tasks by id (each with the time the simulator first saw it),
/// with the tasks of each group (<c>service:NAME</c>) indexed. Change tasks through <see cref="PutTask"/> and <see cref="RemoveTask"/>.
/// </summary>
internal sealed class ClusterState(string name, DateTimeOffset createdAt)
{
    private readonly SortedList<string, TaskEntry> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> tasksOfGroup = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public SortedList<string, ServiceEntry> Services { get; } = new(StringComparer.Ordinal);

    public SortedList<string, TaskEntry> Tasks => tasks;

    public IEnumerable<WorldTask> TasksOfGroup(string group) =>
        tasksOfGroup.TryGetValue(group, out var ids) ? ids.Select(id => tasks[id].Task) : [];

    public void PutTask(TaskEntry entry)
    {
        RemoveTask(entry.Task.Id);
        tasks[entry.Task.Id] = entry;
        if (entry.Task.Group is { } group)
        {
            if (!tasksOfGroup.TryGetValue(group, out var ids))
            {
                tasksOfGroup[group] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(entry.Task.Id);
        }
    }

    public bool RemoveTask(string id)
    {
        if (!tasks.Remove(id, out var entry))
        {
            return false;
        }

        if (entry.Task.Group is { } group && tasksOfGroup.TryGetValue(group, out var ids))
        {
            ids.Remove(id);
        }

        return true;
    }
}

internal sealed record ServiceEntry(WorldService Service, DateTimeOffset CreatedAt);

internal sealed record TaskEntry(WorldTask Task, DateTimeOffset CreatedAt);
