using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Repository;

/// <summary>
/// Where an image runs, read back from an <c>images.used_by</c> entry: for ECS
/// <c>ACCOUNT/REGION/CLUSTER/service/NAME (FAMILY:REVISION)</c> or <c>ACCOUNT/REGION/CLUSTER/task/ID (FAMILY:REVISION)</c>;
/// for Lambda <c>lambda:ACCOUNT/REGION/FUNCTION:VERSION</c>, followed by <c> (ALIAS, ALIAS)</c> when aliases point at it;
/// or a usage report's source, <c>report:SOURCE</c>.
/// </summary>
public sealed record UsageLocation(string AccountId, string Region, string Cluster, string? Service, string? TaskId, string? TaskDefinition)
{
    /// <summary>The Lambda function, for a Lambda version (then <see cref="Cluster"/> is empty).</summary>
    public string? Function { get; init; }

    /// <summary>The Lambda version: <c>$LATEST</c> or a published number.</summary>
    public string? Version { get; init; }

    /// <summary>The aliases pointing at the Lambda version.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The source of the usage report that names the image (then <see cref="Cluster"/> is empty).</summary>
    public string? ReportSource { get; init; }

    /// <summary>The location an entry names; an entry of another shape is kept whole as the cluster, so that nothing is hidden.</summary>
    public static UsageLocation Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.StartsWith(ReportSite.Prefix, StringComparison.Ordinal) && entry.Length > ReportSite.Prefix.Length)
        {
            return new UsageLocation("", "", "", null, null, null) { ReportSource = entry[ReportSite.Prefix.Length..] };
        }

        var path = entry.Trim();
        string? detail = null;
        var open = path.LastIndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && path.EndsWith(')'))
        {
            detail = path[(open + 2)..^1];
            path = path[..open];
        }

        if (path.StartsWith(LambdaSite.Prefix, StringComparison.Ordinal))
        {
            return ParseLambda(entry, path[LambdaSite.Prefix.Length..], detail);
        }

        var parts = path.Split('/');
        if (parts.Length < 5 || parts[3] is not ("service" or "task"))
        {
            return Unknown(entry);
        }

        var name = string.Join('/', parts[4..]);
        return parts[3] == "service"
            ? new UsageLocation(parts[0], parts[1], parts[2], name, null, detail)
            : new UsageLocation(parts[0], parts[1], parts[2], null, name, detail);
    }

    private static UsageLocation ParseLambda(string entry, string path, string? aliases)
    {
        var parts = path.Split('/');
        var colon = parts.Length == 3 ? parts[2].LastIndexOf(':') : -1;
        if (colon <= 0 || colon == parts[2].Length - 1)
        {
            return Unknown(entry);
        }

        return new UsageLocation(parts[0], parts[1], "", null, null, null)
        {
            Function = parts[2][..colon],
            Version = parts[2][(colon + 1)..],
            Aliases = aliases is null ? [] : aliases.Split(", "),
        };
    }

    private static UsageLocation Unknown(string entry) => new("", "", entry, null, null, null);
}
