namespace EcrCurator.Domain;

public enum ImageStatus
{
    Active,
    Archived,
}
