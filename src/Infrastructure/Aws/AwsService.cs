namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// An AWS JSON service: how it is signed, addressed and named in its targets (JSON 1.1; none for REST-JSON) and IAM actions.
/// </summary>
public sealed record AwsService(string SigningName, string EndpointPrefix, string? TargetPrefix, string IamPrefix, string EnvironmentName)
{
    public static readonly AwsService Ecr = new("ecr", "api.ecr", "AmazonEC2ContainerRegistry_V20150921", "ecr", "ECR");

    public static readonly AwsService Ecs = new("ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "ecs", "ECS");

    /// <summary>Lambda speaks REST-JSON: operations are paths, not targets.</summary>
    public static readonly AwsService Lambda = new("lambda", "lambda", null, "lambda", "LAMBDA");
}
