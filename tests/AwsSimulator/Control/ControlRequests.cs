using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Control;

// The bodies of the control API. Account and region default to the world's first account and its first region.

public sealed record ImagePush(string Repository, WorldImage Image, string? AccountId = null, string? Region = null);

public sealed record TagChange(string Repository, string Tag, string? Digest = null, string? AccountId = null, string? Region = null);

public sealed record TaskDefinitionRegistration(WorldTaskDefinition TaskDefinition, string? AccountId = null, string? Region = null);

public sealed record TaskStart(string Cluster, WorldTask Task, string? AccountId = null, string? Region = null);

public sealed record TaskStop(string Cluster, string TaskId, string? AccountId = null, string? Region = null);

public sealed record ServiceChange(string Cluster, WorldService Service, string? AccountId = null, string? Region = null);

public sealed record LambdaFunctionChange(WorldLambdaFunction Function, string? AccountId = null, string? Region = null);

public sealed record Advance(int Days = 1);

public sealed record ImagePull(string Repository, string? Digest = null, string? Tag = null, string? AccountId = null, string? Region = null);

/// <summary>How the archive behaves: how many seconds a restore takes.</summary>
public sealed record ArchiveSettings(double RestoreSeconds);
