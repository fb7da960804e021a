namespace EcrCurator.Domain;

/// <summary>Which images a lifecycle rule selects by their tags (<c>selection.tagStatus</c>).</summary>
public enum LifecycleTagStatus
{
    Tagged,
    Untagged,
    Any,
}

/// <summary>How a lifecycle rule picks among the images it selects (<c>selection.countType</c>).</summary>
public enum LifecycleCountType
{
    /// <summary>All but the newest <c>countNumber</c>.</summary>
    ImageCountMoreThan,

    /// <summary>Pushed more than <c>countNumber</c> days ago.</summary>
    SinceImagePushed,

    /// <summary>Last pulled (else pushed, or restored) more than <c>countNumber</c> days ago.</summary>
    SinceImagePulled,

    /// <summary>Archived more than <c>countNumber</c> days ago.</summary>
    SinceImageTransitioned,
}

/// <summary>The storage class of the images a lifecycle rule selects (<c>selection.storageClass</c>).</summary>
public enum LifecycleStorageClass
{
    Standard,
    Archive,
}

/// <summary>What a lifecycle rule does to the images it marks (<c>action.type</c>).</summary>
public enum LifecycleAction
{
    /// <summary>Deletes them.</summary>
    Expire,

    /// <summary>Moves them to the archive storage class.</summary>
    Transition,
}
