namespace EcrCurator.Domain;

/// <summary>
/// A source expected to report its usage at least every <see cref="MaxAge"/>. While its latest report is older (or it
/// never reported), the usage it would report is unknown: snapshots and executions are incomplete and delete nothing.
/// </summary>
public sealed record ExpectedReporter
{
    public ExpectedReporter(string source, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (maxAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAge), maxAge, "A maximum age is positive.");
        }

        Source = source;
        MaxAge = maxAge;
    }

    public string Source { get; }

    public TimeSpan MaxAge { get; }

    /// <summary>Why the reporter counts as silent at <paramref name="now"/>, naming it; null while its latest report is young enough.</summary>
    /// <param name="latest">When its latest report was received; null when it never reported.</param>
    public string? SilenceAt(DateTimeOffset? latest, DateTimeOffset now) => latest switch
    {
        null => $"Expected reporter {Source} has never sent a usage report (it must report at least every {Hours(MaxAge)}): what it runs is unknown, so nothing is deleted.",
        { } at when now - at > MaxAge =>
            $"Expected reporter {Source} is silent: its latest usage report was received at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC, more than {Hours(MaxAge)} ago, so what it runs is unknown and nothing is deleted.",
        _ => null,
    };

    private static string Hours(TimeSpan age) =>
        age.TotalHours >= 1 && age.TotalHours == Math.Floor(age.TotalHours) ? $"{age.TotalHours:0} h" : $"{age.TotalMinutes:0} min";
}
