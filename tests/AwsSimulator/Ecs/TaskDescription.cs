using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>A task as DescribeTasks reports it: every container of its task definition, with the digests the world gives.</summary>
internal static class TaskDescription
{
    private static readonly string[] NotStarted = ["PROVISIONING", "PENDING", "ACTIVATING"];

    public static TaskDetail Describe(RegionState region, ClusterState cluster, TaskEntry entry, bool tags)
    {
        var task = entry.Task;
        var taskArn = EcsNames.TaskArn(region, cluster.Name, task.Id);
        var definition = region.TaskDefinitions.Find(task.TaskDefinition);
        var defined = definition?.Containers ?? [];
        var containers = defined.Select(container => task.Containers.FirstOrDefault(running => running.Name == container.Name) ?? new WorldContainer(container.Name, container.Image))
            .Concat(task.Containers.Where(running => defined.All(container => container.Name != running.Name)))
            .Select(container => new ContainerDetail(
                $"{taskArn.Replace(":task/", ":container/", StringComparison.Ordinal)}/{EcsNames.Hash(task.Id + container.Name):x16}",
                taskArn,
                container.Name,
                container.Image,
                container.ImageDigest,
                task.LastStatus))
            .ToList();
        var service = task.Group is { } group && group.StartsWith("service:", StringComparison.Ordinal)
            ? cluster.Services.GetValueOrDefault(group["service:".Length..])?.Service
            : null;
        var deployment = service?.Deployments.FirstOrDefault(deployment => deployment.TaskDefinition == task.TaskDefinition);
        return new TaskDetail
        {
            TaskArn = taskArn,
            ClusterArn = EcsNames.ClusterArn(region, cluster.Name),
            TaskDefinitionArn = EcsNames.TaskDefinitionArn(region, task.TaskDefinition),
            LastStatus = task.LastStatus,
            DesiredStatus = task.EffectiveDesiredStatus,
            Group = task.Group,
            StartedBy = deployment is null ? null : EcsNames.DeploymentId(cluster.Name, service!.Name, deployment),
            CreatedAt = entry.CreatedAt,
            StartedAt = NotStarted.Contains(task.LastStatus) ? null : entry.CreatedAt,
            StoppedAt = task.LastStatus == "STOPPED" ? entry.CreatedAt : null,
            Containers = containers,
            Tags = tags ? [] : null,
        };
    }
}
