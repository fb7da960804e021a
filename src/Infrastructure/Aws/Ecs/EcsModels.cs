namespace EcrCurator.Infrastructure.Aws.Ecs;

// The members of ECS's JSON 1.1 shapes that the product uses.
public sealed record ListClustersRequest(string? NextToken, int? MaxResults);

public sealed record ListClustersResponse(List<string>? ClusterArns, string? NextToken);

public sealed record ListServicesRequest(string Cluster, string? NextToken, int? MaxResults);

public sealed record ListServicesResponse(List<string>? ServiceArns, string? NextToken);

public sealed record DescribeServicesRequest(string Cluster, List<string> Services);

public sealed record DescribeServicesResponse(List<EcsService>? Services, List<EcsFailure>? Failures);

public sealed record EcsService(
    string ServiceArn,
    string ServiceName,
    string? Status,
    List<EcsDeployment>? Deployments,
    List<EcsDeployment>? TaskSets,
    List<ServiceRevisionSummary>? CurrentServiceRevisions);

public sealed record EcsDeployment(string? Id, string? Status, string? TaskDefinition);

public sealed record ServiceRevisionSummary(string? Arn);

public sealed record DescribeServiceRevisionsRequest(List<string> ServiceRevisionArns);

public sealed record DescribeServiceRevisionsResponse(List<ServiceRevision>? ServiceRevisions, List<EcsFailure>? Failures);

public sealed record ServiceRevision(string? ServiceRevisionArn, string? ServiceArn, string? TaskDefinition, List<ContainerImage>? ContainerImages);

public sealed record ContainerImage(string? ContainerName, string? ImageDigest, string? Image);

public sealed record ListTasksRequest(string Cluster, string? DesiredStatus, string? NextToken, int? MaxResults);

public sealed record ListTasksResponse(List<string>? TaskArns, string? NextToken);

public sealed record DescribeTasksRequest(string Cluster, List<string> Tasks);

public sealed record DescribeTasksResponse(List<EcsTask>? Tasks, List<EcsFailure>? Failures);

public sealed record EcsTask(string TaskArn, string? TaskDefinitionArn, string? LastStatus, string? DesiredStatus, string? Group, List<EcsContainer>? Containers);

public sealed record EcsContainer(string? Name, string? Image, string? ImageDigest);

public sealed record DescribeTaskDefinitionRequest(string TaskDefinition);

public sealed record DescribeTaskDefinitionResponse(EcsTaskDefinition? TaskDefinition);

public sealed record EcsTaskDefinition(string? TaskDefinitionArn, string Family, int Revision, string? Status, List<ContainerDefinition>? ContainerDefinitions);

public sealed record ContainerDefinition(string? Name, string? Image);

public sealed record ListTaskDefinitionsRequest(string? FamilyPrefix, string? Status, string? Sort, string? NextToken, int? MaxResults);

public sealed record ListTaskDefinitionsResponse(List<string>? TaskDefinitionArns, string? NextToken);

public sealed record EcsFailure(string? Arn, string? Reason, string? Detail);
