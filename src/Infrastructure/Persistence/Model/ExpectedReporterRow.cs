namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>A source that must report its usage at least every <see cref="MaxAge"/>, else nothing is deleted.</summary>
public sealed class ExpectedReporterRow
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public TimeSpan MaxAge { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
