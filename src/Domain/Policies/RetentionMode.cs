namespace EcrCurator.Domain;

/// <summary>How a repository's deletions are executed: after a person approves them, or automatically.</summary>
public enum RetentionMode
{
    Approve,
    AutoRun,
}
