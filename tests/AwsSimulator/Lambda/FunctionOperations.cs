using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Lambda;

/// <summary>ListFunctions (every version with <c>FunctionVersion=ALL</c>, pages of at most 50) and GetFunction (by <c>Qualifier</c>).</summary>
internal static class FunctionOperations
{
    private const int PageLimit = 50;

    public static object ListFunctions(AwsCall call)
    {
        var all = call.Form.GetValueOrDefault("FunctionVersion") switch
        {
            null => false,
            "ALL" => true,
            var other => throw LambdaNames.Invalid($"FunctionVersion '{other}' is not ALL."),
        };
        var size = LambdaNames.PageSize(call, PageLimit);
        return call.State.Read(state =>
        {
            if (state.Find(call.AccountId, call.Region) is not { } region)
            {
                return (object)new { Functions = Array.Empty<object>() };
            }

            var versions = region.LambdaFunctions.Values
                .SelectMany(function => function.Versions.Where(version => all || version.Version == WorldLambdaVersion.Latest).OrderBy(Order).Select(version => (function, version)))
                .ToList();
            var page = Paging.Take(versions, entry => $"{entry.function.Name}:{entry.version.Version}", call.Form.GetValueOrDefault("Marker"), "ListFunctions", size);
            return new { NextMarker = page.NextToken, Functions = page.Items.Select(entry => Configuration(region, entry.function, entry.version, qualified: all)) };
        });
    }

    public static object GetFunction(AwsCall call) => call.State.Read(state =>
    {
        var (region, function, qualifier) = LambdaNames.Find(state, call);
        var versionName = function.Aliases.FirstOrDefault(alias => alias.Name == qualifier)?.FunctionVersion ?? qualifier ?? WorldLambdaVersion.Latest;
        var version = function.Versions.FirstOrDefault(candidate => candidate.Version == versionName)
            ?? throw LambdaNames.NotFound($"Function not found: {LambdaNames.FunctionArn(region, function.Name, qualifier)}");
        return (object)new
        {
            Configuration = Configuration(region, function, version, qualified: qualifier is not null),
            Code = function.IsImage
                ? new { RepositoryType = "ECR", version.ImageUri, version.ResolvedImageUri, Location = (string?)null }
                : new { RepositoryType = "S3", ImageUri = (string?)null, ResolvedImageUri = (string?)null, Location = (string?)$"https://awslambda-{region.Region}-tasks.s3.{region.Region}.{Arns.DnsSuffix(region.Region)}/snapshots/{region.AccountId}/{function.Name}-{version.Version}" },
            Tags = new Dictionary<string, string>(),
        };
    });

    /// <summary><c>$LATEST</c> first, then the published versions by number.</summary>
    private static long Order(WorldLambdaVersion version) =>
        version.Version == WorldLambdaVersion.Latest ? 0 : long.Parse(version.Version, CultureInfo.InvariantCulture);

    /// <summary>A version as Lambda describes it; what the world does not say is made up steadily from what it does.</summary>
    private static object Configuration(RegionState region, WorldLambdaFunction function, WorldLambdaVersion version, bool qualified) => new
    {
        FunctionName = function.Name,
        FunctionArn = LambdaNames.FunctionArn(region, function.Name, qualified ? version.Version : null),
        Runtime = function.IsImage ? null : "python3.12",
        Role = $"arn:{Arns.PartitionOf(region.Region)}:iam::{region.AccountId}:role/{function.Name}-role",
        Handler = function.IsImage ? null : "app.handler",
        CodeSize = 0,
        Description = "",
        Timeout = 3,
        MemorySize = 128,
        LastModified = region.LoadedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture),
        CodeSha256 = CodeSha256(function, version),
        version.Version,
        RevisionId = RevisionId($"{function.Name}:{version.Version}:{version.ResolvedImageUri}"),
        State = "Active",
        LastUpdateStatus = "Successful",
        PackageType = function.PackageType,
        Architectures = new[] { "x86_64" },
    };

    /// <summary>For an image, the hex of the digest Lambda resolved; for a zip, a hash of what it is.</summary>
    private static string CodeSha256(WorldLambdaFunction function, WorldLambdaVersion version) =>
        version.ResolvedImageUri is { } resolved
            ? resolved[(resolved.LastIndexOf(':') + 1)..]
            : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{function.Name}:{version.Version}")));

    public static string RevisionId(string of)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(of));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
