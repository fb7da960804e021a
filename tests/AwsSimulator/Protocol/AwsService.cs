namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>A JSON 1.1 service: its signing name, its <c>X-Amz-Target</c> prefix and its operations.</summary>
internal sealed record AwsService(string SigningName, string TargetPrefix, IReadOnlyDictionary<string, AwsOperation> Operations);
