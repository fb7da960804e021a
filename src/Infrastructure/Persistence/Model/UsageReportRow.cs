namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>A source's latest usage report (one per source: a new report replaces the earlier one).</summary>
public sealed class UsageReportRow
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public string[] Images { get; set; } = [];

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Who sent it: <c>token:NAME</c>.</summary>
    public required string ReportedBy { get; set; }
}
