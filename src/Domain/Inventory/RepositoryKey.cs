namespace EcrCurator.Domain;

/// <summary>Names one ECR repository: its registry (account and region) and its name.</summary>
public readonly record struct RepositoryKey(string AccountId, string Region, string Name)
{
    public override string ToString() => $"{AccountId}/{Region}/{Name}";
}
