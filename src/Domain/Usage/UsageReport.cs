namespace EcrCurator.Domain;

/// <summary>
/// The images a source reported in use (SPEC 3.2): while the report has not expired, every image it names is in use,
/// at <c>report:SOURCE</c>. References follow the ECS rules: a digest names the image, else the tag (default
/// <c>latest</c>) as it points when decided; references to other registries are ignored.
/// </summary>
public sealed record UsageReport
{
    public const int MostHours = 720;
    public const int SourceLength = 200;
    public const int ReferenceLength = 1024;

    public UsageReport(string source, IReadOnlyList<string> images, DateTimeOffset receivedAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(images);
        if (expiresAt <= receivedAt)
        {
            throw new ArgumentException("A report expires after it is received.", nameof(expiresAt));
        }

        Source = source;
        Images = images;
        ReceivedAt = receivedAt;
        ExpiresAt = expiresAt;
    }

    public string Source { get; }

    public IReadOnlyList<string> Images { get; }

    public DateTimeOffset ReceivedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt > now;

    /// <summary>The uses it reports, none once it has expired.</summary>
    public IEnumerable<ImageUse> UsesAt(DateTimeOffset now)
    {
        if (!IsActiveAt(now))
        {
            return [];
        }

        var site = new ReportSite(Source);
        return Images.Select(image => new ImageUse(image, null, site));
    }

    /// <summary>Why a source name cannot be used, or null: 1 to 200 printable characters without spaces at either end.</summary>
    public static string? SourceProblem(string? source) =>
        string.IsNullOrWhiteSpace(source) ? "source is empty: name the cluster or system that reports, for example eks/prod."
        : source.Length > SourceLength ? $"source is longer than {SourceLength} characters."
        : source.Trim() != source || source.Any(char.IsControl) ? "source has spaces at an end or control characters."
        : null;
}
