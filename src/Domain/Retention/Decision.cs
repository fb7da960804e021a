namespace EcrCurator.Domain;

public enum Decision
{
    Keep,
    Delete,
}
