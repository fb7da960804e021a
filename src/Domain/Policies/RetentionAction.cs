namespace EcrCurator.Domain;

/// <summary>
/// What executing a policy's candidates does: delete them, or quarantine them first (archive them, so that a consumer
/// nobody could see fails loudly but recoverably) and delete them only after the quarantine.
/// </summary>
public enum RetentionAction
{
    Delete,
    Quarantine,
}
