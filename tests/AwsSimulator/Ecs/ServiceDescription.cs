using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>
/// A service as DescribeServices reports it: deployments under the ECS controller, task sets under CODE_DEPLOY and
/// EXTERNAL, and for an ACTIVE service each PRIMARY or ACTIVE deployment as one of its current service revisions.
/// Counts come from the cluster's tasks of group <c>service:NAME</c>.
/// </summary>
internal static class ServiceDescription
{
    private static readonly string[] PendingStatuses = ["PROVISIONING", "PENDING", "ACTIVATING"];

    public static ServiceDetail Describe(RegionState region, ClusterState cluster, ServiceEntry entry)
    {
        var service = entry.Service;
        var serviceArn = EcsNames.ServiceArn(region, cluster.Name, service.Name);
        var clusterArn = EcsNames.ClusterArn(region, cluster.Name);
        var tasks = cluster.TasksOfGroup($"service:{service.Name}").ToList();
        var counts = service.Deployments.Select(deployment => Count(tasks, deployment)).ToList();
        var taskSets = service.DeploymentController != "ECS";
        var primary = service.Deployments.FirstOrDefault(deployment => deployment.Status == "PRIMARY") ?? service.Deployments.FirstOrDefault();
        return new ServiceDetail
        {
            ServiceArn = serviceArn,
            ServiceName = service.Name,
            ClusterArn = clusterArn,
            Status = service.Status,
            DesiredCount = service.DesiredCount,
            RunningCount = counts.Sum(count => count.Running),
            PendingCount = counts.Sum(count => count.Pending),
            TaskDefinition = primary is null ? null : EcsNames.TaskDefinitionArn(region, primary.TaskDefinition),
            Deployments = taskSets ? [] : [.. service.Deployments.Select((deployment, i) => new DeploymentDetail(
                EcsNames.DeploymentId(cluster.Name, service.Name, deployment),
                deployment.Status,
                EcsNames.TaskDefinitionArn(region, deployment.TaskDefinition),
                deployment.Status == "PRIMARY" ? service.DesiredCount : counts[i].Running,
                counts[i].Pending,
                counts[i].Running,
                0,
                entry.CreatedAt,
                entry.CreatedAt,
                deployment.Status == "PRIMARY" && service.Deployments.Count > 1 ? "IN_PROGRESS" : "COMPLETED"))],
            TaskSets = taskSets ? [.. service.Deployments.Select((deployment, i) => new TaskSetDetail
            {
                Id = EcsNames.DeploymentId(cluster.Name, service.Name, deployment),
                TaskSetArn = EcsNames.ServiceArn(region, cluster.Name, service.Name).Replace(":service/", ":task-set/", StringComparison.Ordinal)
                    + "/" + EcsNames.DeploymentId(cluster.Name, service.Name, deployment),
                ServiceArn = serviceArn,
                ClusterArn = clusterArn,
                Status = deployment.Status,
                TaskDefinition = EcsNames.TaskDefinitionArn(region, deployment.TaskDefinition),
                ComputedDesiredCount = deployment.Status == "PRIMARY" ? service.DesiredCount : counts[i].Running,
                PendingCount = counts[i].Pending,
                RunningCount = counts[i].Running,
                CreatedAt = entry.CreatedAt,
                UpdatedAt = entry.CreatedAt,
            })] : null,
            CurrentServiceRevisions = service.Status != "ACTIVE" ? [] : [.. service.Deployments
                .Select((deployment, i) => (deployment, i))
                .Where(pair => pair.deployment.Status is "PRIMARY" or "ACTIVE")
                .Select(pair => new RevisionSummary(
                    EcsNames.RevisionArn(region, cluster.Name, service.Name, pair.deployment),
                    pair.deployment.Status == "PRIMARY" ? service.DesiredCount : counts[pair.i].Running,
                    counts[pair.i].Running,
                    counts[pair.i].Pending))],
            CreatedAt = entry.CreatedAt,
            DeploymentController = new DeploymentController(service.DeploymentController),
        };
    }

    private static (int Running, int Pending) Count(List<WorldTask> tasks, WorldDeployment deployment)
    {
        var ofDeployment = tasks.Where(task => task.TaskDefinition == deployment.TaskDefinition && task.EffectiveDesiredStatus == "RUNNING").ToList();
        return (ofDeployment.Count(task => task.LastStatus == "RUNNING"), ofDeployment.Count(task => PendingStatuses.Contains(task.LastStatus)));
    }
}
