namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>A service: its signing name, its <c>X-Amz-Target</c> prefix (JSON 1.1; none for REST-JSON) and its operations.</summary>
internal sealed record AwsService(string SigningName, string? TargetPrefix, IReadOnlyDictionary<string, AwsOperation> Operations);
