using System.Globalization;

namespace EcrCurator.Web.Components.Shared;

/// <summary>
/// How the dashboard writes numbers: counts with thousands separators, sizes in the unit that suits each value (B, KiB,
/// MiB, GiB, TiB), money in the configured currency, times in the configured zone. Numbers follow the culture of the
/// request (the dashboard's language) unless one is given.
/// </summary>
public sealed record Display(TimeZoneInfo Zone, string Currency = "USD")
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB"];

    public static Display Default { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

    /// <summary><c>yyyy-MM-dd HH:mm</c> in the zone; a dash for no time.</summary>
    public string Time(DateTimeOffset? at) =>
        at is { } value ? InZone(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>The wall-clock time in the zone.</summary>
    public DateTime InZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary><c>1,055</c>: a count with thousands separators.</summary>
    public static string Count(long value, IFormatProvider? culture = null) => value.ToString("#,0", culture ?? CultureInfo.CurrentCulture);

    /// <summary>
    /// The largest unit in which the value is at least 1: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.3 MiB</c>, <c>1,234.57 GiB</c>,
    /// <c>2.00 TiB</c> (two decimals from GiB up, one below, none for bytes).
    /// </summary>
    public static string Size(long bytes, IFormatProvider? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        if (Math.Abs(bytes) < 1024)
        {
            return bytes.ToString("#,0 'B'", culture);
        }

        var value = (double)bytes;
        var unit = -1;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        // 1,023.96 MiB rounds to "1,024.0 MiB": the next unit reads better.
        if (unit < Units.Length - 1 && Math.Round(Math.Abs(value), unit >= 2 ? 2 : 1) >= 1024)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(unit >= 2 ? "#,0.00" : "#,0.0", culture) + " " + Units[unit];
    }

    /// <summary>An amount in the configured currency (<c>Curator:Storage:Currency</c>).</summary>
    public string Money(decimal amount) => Money(amount, Currency);

    /// <summary><c>USD 12.30</c>.</summary>
    public static string Money(decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0.00}");
}
