namespace EcrCurator.Domain;

/// <summary>
/// Everything the engine decides on: the curated repositories, every image use ECS and Lambda report,
/// and the task definitions (for rollback targets). Independent of AWS's wire shapes.
/// </summary>
public sealed record Inventory
{
    public Inventory(
        IReadOnlyList<RepositoryRecord> repositories,
        IReadOnlyList<ImageUse> uses,
        IReadOnlyList<TaskDefinitionRecord> taskDefinitions)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(uses);
        ArgumentNullException.ThrowIfNull(taskDefinitions);
        Repositories = repositories;
        Uses = uses;
        TaskDefinitions = taskDefinitions;
    }

    public IReadOnlyList<RepositoryRecord> Repositories { get; }

    public IReadOnlyList<ImageUse> Uses { get; }

    public IReadOnlyList<TaskDefinitionRecord> TaskDefinitions { get; }

    /// <summary>
    /// Why usage could not be read completely, one entry per failed usage source.
    /// An inventory with any entry here is incomplete, and nothing is decided for deletion (fail closed).
    /// </summary>
    public IReadOnlyList<string> IncompleteReasons { get; init; } = [];

    public bool IsComplete => IncompleteReasons.Count == 0;
}
