namespace EcrCurator.Infrastructure.Aws;

/// <summary>An AWS service: how it is signed, addressed and named in its targets and IAM actions.</summary>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix of a JSON 1.1 service; empty for other protocols.</param>
public sealed record AwsService(string SigningName, string EndpointPrefix, string TargetPrefix, string IamPrefix, string EnvironmentName)
{
    public static readonly AwsService Ecr = new("ecr", "api.ecr", "AmazonEC2ContainerRegistry_V20150921", "ecr", "ECR");

    public static readonly AwsService Ecs = new("ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "ecs", "ECS");

    /// <summary>Lambda speaks REST-JSON: operations are paths, not targets. GetFunction's quota (100 a second per account-region, not adjustable) bounds its rate.</summary>
    public static readonly AwsService Lambda = new("lambda", "lambda", "", "lambda", "LAMBDA") { MaxRequestsPerSecond = 100 };

    /// <summary>STS, called through the AWS SDK (query protocol) to assume roles and to learn the caller's account.</summary>
    public static readonly AwsService Sts = new("sts", "sts", "", "sts", "STS");

    /// <summary>
    /// The most calls per second to send to the service in one account-region (its documented quota), or null when
    /// only throttling tells: the service's <see cref="AwsRate"/> never exceeds it.
    /// </summary>
    public double? MaxRequestsPerSecond { get; init; }
}
