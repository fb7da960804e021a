using System.Globalization;

namespace EcrCurator.Web.Components.Shared;

/// <summary>How the dashboard writes sizes, money and times: sizes in GiB or MiB, money in the configured currency, times in the configured zone.</summary>
public sealed record Display(TimeZoneInfo Zone, string Currency = "USD")
{
    private const double MiB = 1024 * 1024;
    private const double GiB = MiB * 1024;

    public static Display Default { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

    /// <summary><c>yyyy-MM-dd HH:mm</c> in the zone; a dash for no time.</summary>
    public string Time(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>GiB from a tenth of a GiB up, MiB below.</summary>
    public static string Size(long bytes) => bytes >= GiB / 10
        ? (bytes / GiB).ToString("#,0.00 'GiB'", CultureInfo.InvariantCulture)
        : (bytes / MiB).ToString("#,0.0 'MiB'", CultureInfo.InvariantCulture);

    /// <summary>An amount in the configured currency (<c>Curator:Storage:Currency</c>).</summary>
    public string Money(decimal amount) => Money(amount, Currency);

    /// <summary><c>USD 12.30</c>.</summary>
    public static string Money(decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0.00}");
}
