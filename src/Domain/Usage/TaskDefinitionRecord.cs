namespace EcrCurator.Domain;

/// <summary>A task-definition revision with the image references of its containers, in container order.</summary>
public sealed record TaskDefinitionRecord(
    string AccountId,
    string Region,
    string Family,
    int Revision,
    bool IsActive,
    IReadOnlyList<string> Images);
