namespace EcrCurator.Domain;

/// <summary>ECR's <c>imageStatus</c>: in standard storage, archived (cannot be pulled), or being restored from the archive.</summary>
public enum ImageStatus
{
    Active,
    Archived,
    Activating,
}
