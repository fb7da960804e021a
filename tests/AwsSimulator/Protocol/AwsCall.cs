using System.Text.Json;
using EcrCurator.AwsSimulator.State;

namespace EcrCurator.AwsSimulator.Protocol;

/// <summary>One authenticated AWS request: who asks, where, what, and its input.</summary>
internal sealed record AwsCall(
    string RequestId,
    string Service,
    string Operation,
    string AccountId,
    string Region,
    JsonElement Json,
    IReadOnlyDictionary<string, string> Form,
    SimulatorState State)
{
    public string? SessionToken { get; init; }

    /// <summary>An <c>ignore-sort</c> fault: answer lists in ascending order whatever <c>sort</c> asks.</summary>
    public bool IgnoreSort { get; init; }

    public string Partition => Arns.PartitionOf(Region);

    /// <summary>The JSON input as <typeparamref name="T"/>; a member of the wrong type is AWS's SerializationException.</summary>
    public T Read<T>()
        where T : new()
    {
        try
        {
            return Json.ValueKind == JsonValueKind.Undefined ? new T() : Json.Deserialize<T>(AwsJson.Options) ?? new T();
        }
        catch (JsonException error)
        {
            throw new AwsException("SerializationException", $"Cannot deserialize the request at {error.Path}.");
        }
    }
}

/// <summary>An operation of a service: reads the call, answers an object serialized as the response.</summary>
internal delegate object AwsOperation(AwsCall call);
