using System.Text.Json;
using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>
/// GetLifecyclePolicy and PutLifecyclePolicy: a repository's lifecycle policy text, kept as it was put (ECR's length
/// limits and JSON syntax are checked, its rules are not, so that a test can serve a policy the product does not
/// understand); a repository without one answers LifecyclePolicyNotFoundException.
/// </summary>
internal static class LifecyclePolicyOperations
{
    private const int ShortestText = 100;
    private const int LongestText = 30720;

    public sealed record Request
    {
        public string? RegistryId { get; init; }

        public string? RepositoryName { get; init; }

        public string? LifecyclePolicyText { get; init; }
    }

    public static object GetLifecyclePolicy(AwsCall call)
    {
        var input = call.Read<Request>();
        return call.State.Read(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            var registry = EcrRegistry.RegistryId(call, input.RegistryId);
            return repository.LifecyclePolicy is { } text
                ? new { registryId = registry, repositoryName = repository.Name, lifecyclePolicyText = text }
                : throw new AwsException(
                    "LifecyclePolicyNotFoundException",
                    $"Lifecycle policy does not exist for the repository with name '{repository.Name}' in the registry with id '{registry}'");
        });
    }

    public static object PutLifecyclePolicy(AwsCall call)
    {
        var input = call.Read<Request>();
        var text = input.LifecyclePolicyText
                   ?? throw AwsException.InvalidParameter("1 validation error detected: Value null at 'lifecyclePolicyText' failed to satisfy constraint: Member must not be null");
        if (text.Length is < ShortestText or > LongestText)
        {
            throw AwsException.InvalidParameter(
                $"1 validation error detected: Value at 'lifecyclePolicyText' failed to satisfy constraint: Member must have length between {ShortestText} and {LongestText}");
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw AwsException.InvalidParameter("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: the text is not JSON'");
        }

        return call.State.Write(state =>
        {
            var repository = EcrRegistry.Repository(state, call, input.RegistryId, input.RepositoryName);
            repository.LifecyclePolicy = text;
            return new { registryId = EcrRegistry.RegistryId(call, input.RegistryId), repositoryName = repository.Name, lifecyclePolicyText = text };
        });
    }
}
