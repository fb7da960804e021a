using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>The ECR operations served, by the name that follows the target prefix in <c>X-Amz-Target</c>.</summary>
internal static class EcrApi
{
    public static readonly AwsService Service = new("ecr", "AmazonEC2ContainerRegistry_V20150921", new Dictionary<string, AwsOperation>
    {
        ["DescribeRepositories"] = RepositoryOperations.DescribeRepositories,
        ["ListTagsForResource"] = RepositoryOperations.ListTagsForResource,
        ["DescribeImages"] = DescribeImages.Handle,
        ["BatchGetImage"] = BatchGetImage.Handle,
        ["BatchDeleteImage"] = BatchDeleteImage.Handle,
        ["UpdateImageStorageClass"] = UpdateImageStorageClass.Handle,
        ["GetLifecyclePolicy"] = LifecyclePolicyOperations.GetLifecyclePolicy,
        ["PutLifecyclePolicy"] = LifecyclePolicyOperations.PutLifecyclePolicy,
    });
}
