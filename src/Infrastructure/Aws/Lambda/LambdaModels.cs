namespace EcrCurator.Infrastructure.Aws.Lambda;

// The members of Lambda's REST-JSON shapes that the product reads (Lambda capitalises its members).
public sealed record ListFunctionsResponse(List<FunctionConfiguration>? Functions, string? NextMarker);

/// <summary>One version of a function as ListFunctions (<c>FunctionVersion=ALL</c>) lists it.</summary>
public sealed record FunctionConfiguration(
    string? FunctionName,
    string? FunctionArn,
    string? Version,
    string? PackageType,
    string? CodeSha256,
    string? LastModified,
    string? RevisionId);

public sealed record GetFunctionResponse(FunctionConfiguration? Configuration, FunctionCodeLocation? Code);

/// <summary>Where a version's code is: for an Image function, the image it names and the digest Lambda resolved.</summary>
public sealed record FunctionCodeLocation(string? RepositoryType, string? ImageUri, string? ResolvedImageUri);

public sealed record ListAliasesResponse(List<AliasConfiguration>? Aliases, string? NextMarker);

public sealed record AliasConfiguration(string? Name, string? FunctionVersion, AliasRoutingConfiguration? RoutingConfig);

/// <summary>A weighted alias sends a share of invocations to a second version.</summary>
public sealed record AliasRoutingConfiguration(Dictionary<string, double>? AdditionalVersionWeights);
