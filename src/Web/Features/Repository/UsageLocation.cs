using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Repository;

/// <summary>
/// Where ECS runs an image, read back from an <c>images.used_by</c> entry:
/// <c>ACCOUNT/REGION/CLUSTER/service/NAME (FAMILY:REVISION)</c> or <c>ACCOUNT/REGION/CLUSTER/task/ID (FAMILY:REVISION)</c>;
/// or a usage report's source, <c>report:SOURCE</c>.
/// </summary>
public sealed record UsageLocation(string AccountId, string Region, string Cluster, string? Service, string? TaskId, string? TaskDefinition)
{
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
        string? taskDefinition = null;
        var open = path.LastIndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && path.EndsWith(')'))
        {
            taskDefinition = path[(open + 2)..^1];
            path = path[..open];
        }

        var parts = path.Split('/');
        if (parts.Length < 5 || parts[3] is not ("service" or "task"))
        {
            return new UsageLocation("", "", entry, null, null, null);
        }

        var name = string.Join('/', parts[4..]);
        return parts[3] == "service"
            ? new UsageLocation(parts[0], parts[1], parts[2], name, null, taskDefinition)
            : new UsageLocation(parts[0], parts[1], parts[2], null, name, taskDefinition);
    }
}
