namespace EcrCurator.Domain;

/// <summary>
/// Where a usage report says an image runs: a consumer the product cannot read itself (a Kubernetes cluster, CI),
/// named by the report's source. It belongs to no account-region. Its text is <c>report:SOURCE</c>.
/// </summary>
public sealed record ReportSite : UsageSite
{
    public const string Prefix = "report:";

    public ReportSite(string source)
        : base("", "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
    }

    public string Source { get; }

    public override string ToString() => Prefix + Source;
}
