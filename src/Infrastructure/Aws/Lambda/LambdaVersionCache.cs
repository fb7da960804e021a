using System.Collections.Concurrent;

namespace EcrCurator.Infrastructure.Aws.Lambda;

/// <summary>
/// The code locations of published Lambda versions already read. A published version is immutable, so its image
/// fields are kept across snapshots and live re-checks, by function ARN and version together with the code hash and
/// modification time ListFunctions reports (a function deleted and created again under the same name numbers its
/// versions anew). <c>$LATEST</c> is never kept: it changes with every update. Each account-region's complete read
/// replaces what is kept for it, so versions deleted since are forgotten.
/// </summary>
public sealed class LambdaVersionCache
{
    private static readonly IReadOnlyDictionary<string, FunctionCodeLocation> Nothing = new Dictionary<string, FunctionCodeLocation>();

    private readonly ConcurrentDictionary<(string AccountId, string Region), IReadOnlyDictionary<string, FunctionCodeLocation>> kept = new();

    /// <summary>The key a published version is kept by; null for <c>$LATEST</c>, which is read every time.</summary>
    public static string? KeyOf(FunctionConfiguration version) =>
        version.Version is null or "$LATEST" || version.FunctionArn is null
            ? null
            : $"{version.FunctionArn}|{version.Version}|{version.CodeSha256}|{version.LastModified}";

    public IReadOnlyDictionary<string, FunctionCodeLocation> Of(AccountRegion source) => kept.GetValueOrDefault((source.AccountId, source.Region), Nothing);

    /// <summary>What a complete read of <paramref name="source"/> found, in place of what was kept.</summary>
    public void Replace(AccountRegion source, IReadOnlyDictionary<string, FunctionCodeLocation> versions) => kept[(source.AccountId, source.Region)] = versions;
}
