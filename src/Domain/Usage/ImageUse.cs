namespace EcrCurator.Domain;

/// <summary>
/// One image reference in use: a container of a running ECS task or of a service deployment's task definition, or
/// the image of a Lambda function version.
/// </summary>
/// <param name="Image">The reference as written (task definition, a Lambda version's <c>ImageUri</c> or
/// <c>ResolvedImageUri</c>): <c>HOST/REPO[:TAG][@DIGEST]</c>.</param>
/// <param name="ResolvedDigest">The digest ECS reports for it (a task container's <c>imageDigest</c>, or the digest
/// a deployment was pinned to), if any.</param>
/// <param name="Site">Where it is used.</param>
public sealed record ImageUse(string Image, string? ResolvedDigest, UsageSite Site);
