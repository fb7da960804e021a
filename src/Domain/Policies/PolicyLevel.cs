namespace EcrCurator.Domain;

/// <summary>The level a policy override comes from: the default (built in or configured), a team's policy, or a repository's.</summary>
public enum PolicyLevel
{
    Default,
    Team,
    Repository,
}
