using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecs;

/// <summary>The ECS operations served, by the name that follows the target prefix in <c>X-Amz-Target</c>.</summary>
internal static class EcsApi
{
    public static readonly AwsService Service = new("ecs", "AmazonEC2ContainerServiceV20141113", new Dictionary<string, AwsOperation>
    {
        ["ListClusters"] = ClusterOperations.ListClusters,
        ["ListServices"] = ServiceOperations.ListServices,
        ["DescribeServices"] = ServiceOperations.DescribeServices,
        ["DescribeServiceRevisions"] = ServiceRevisions.DescribeServiceRevisions,
        ["ListTasks"] = TaskOperations.ListTasks,
        ["DescribeTasks"] = TaskOperations.DescribeTasks,
        ["DescribeTaskDefinition"] = TaskDefinitionOperations.DescribeTaskDefinition,
        ["ListTaskDefinitions"] = TaskDefinitionOperations.ListTaskDefinitions,
    });
}
