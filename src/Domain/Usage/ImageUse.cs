namespace EcrCurator.Domain;

/// <summary>
/// One image reference ECS uses: a container of a running task or of a service deployment's task definition.
/// </summary>
/// <param name="Image">The reference as written in the task definition: <c>HOST/REPO[:TAG][@DIGEST]</c>.</param>
/// <param name="ResolvedDigest">The digest ECS reports for it (a task container's <c>imageDigest</c>, or the digest
/// a deployment was pinned to), if any.</param>
/// <param name="Site">Where it is used.</param>
public sealed record ImageUse(string Image, string? ResolvedDigest, UsageSite Site);
