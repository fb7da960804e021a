using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;

namespace EcrCurator.AwsSimulator.Ecr;

/// <summary>Finds the registry and repository a call names; a registry id of another account reads that account's registry.</summary>
internal static class EcrRegistry
{
    public static string RegistryId(AwsCall call, string? registryId)
    {
        if (registryId is null)
        {
            return call.AccountId;
        }

        if (registryId.Length != 12 || !registryId.All(char.IsAsciiDigit))
        {
            throw AwsException.InvalidParameter($"Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular expression '[0-9]{{12}}''");
        }

        return registryId;
    }

    public static RepositoryState Repository(SimulatorState state, AwsCall call, string? registryId, string? name)
    {
        var registry = RegistryId(call, registryId);
        if (string.IsNullOrEmpty(name))
        {
            throw AwsException.InvalidParameter("1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null");
        }

        return state.Find(registry, call.Region)?.Repositories.GetValueOrDefault(name) ?? throw NotFound(name, registry);
    }

    public static AwsException NotFound(string name, string registry) =>
        new("RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{registry}'");

    public static RepositoryDetail Describe(RegionState region, RepositoryState repository) => new(
        Arns.Ecr(region.AccountId, region.Region, $"repository/{repository.Name}"),
        region.AccountId,
        repository.Name,
        $"{Arns.Registry(region.AccountId, region.Region)}/{repository.Name}",
        repository.CreatedAt,
        "MUTABLE",
        new ScanningConfiguration(false),
        new EncryptionConfiguration("AES256"));

    /// <summary>Checks a list of image ids against ECR's limit of 1 to 100.</summary>
    public static IReadOnlyList<ImageId> ImageIds(IReadOnlyList<ImageId>? imageIds, bool required)
    {
        if (imageIds is null)
        {
            return required
                ? throw AwsException.InvalidParameter("1 validation error detected: Value null at 'imageIds' failed to satisfy constraint: Member must not be null")
                : [];
        }

        if (imageIds.Count is < 1 or > 100)
        {
            var bound = imageIds.Count < 1 ? "greater than or equal to 1" : "less than or equal to 100";
            throw AwsException.InvalidParameter($"1 validation error detected: Value at 'imageIds' failed to satisfy constraint: Member must have length {bound}");
        }

        return imageIds;
    }
}
