namespace EcrCurator.Infrastructure.Aws;

/// <summary>One AWS account in one region, reached with the standard credentials or through an assumed role.</summary>
public sealed record AccountRegion(string AccountId, string Region, string? RoleArn = null, string? ExternalId = null)
{
    public override string ToString() => $"{AccountId}/{Region}";
}
