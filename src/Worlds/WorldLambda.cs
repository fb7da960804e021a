namespace EcrCurator.Worlds;

/// <summary>A Lambda function with its versions (<c>$LATEST</c> and the published ones) and aliases.</summary>
public sealed record WorldLambdaFunction
{
    public required string Name { get; init; }

    /// <summary><c>Image</c> or <c>Zip</c>; a Zip function's versions have no image fields.</summary>
    public string PackageType { get; init; } = "Image";

    public IReadOnlyList<WorldLambdaVersion> Versions { get; init; } = [];

    public IReadOnlyList<WorldLambdaAlias> Aliases { get; init; } = [];

    public bool IsImage => PackageType == "Image";
}

/// <summary>
/// One version: <c>$LATEST</c> or a published number. <see cref="ResolvedImageUri"/> is the digest Lambda resolved when
/// the version was created (or <c>$LATEST</c> last updated); the tag in <see cref="ImageUri"/> may point elsewhere now.
/// </summary>
public sealed record WorldLambdaVersion
{
    public const string Latest = "$LATEST";

    public required string Version { get; init; }

    public string? ImageUri { get; init; }

    public string? ResolvedImageUri { get; init; }
}

/// <summary>An alias and the version it points at.</summary>
public sealed record WorldLambdaAlias(string Name, string FunctionVersion);
