using Cronos;

namespace EcrCurator.Web.Features.Settings;

/// <summary>
/// What the run-time settings may hold: a cron expression Hangfire accepts (5 fields, or 6 with seconds), a time zone
/// this machine knows, an execution window with both ends or none, one or two approvals, shares from 0 to 100 %.
/// </summary>
public static class SettingsRules
{
    public static CronExpression? Cron(string? cron)
    {
        var parts = (cron ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            return null;
        }

        try
        {
            return CronExpression.Parse(string.Join(' ', parts), parts.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    public static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    /// <summary>When the schedule next takes a snapshot after <paramref name="now"/>; null when the cron or the zone is wrong.</summary>
    public static DateTimeOffset? NextRun(string? cron, string? zone, DateTimeOffset now) =>
        Cron(cron) is { } expression && Zone(zone) is { } found ? expression.GetNextOccurrence(now, found) : null;

    /// <summary>Both ends or neither, and not the same time (that would be no window at all).</summary>
    public static bool IsWindow(TimeOnly? start, TimeOnly? end) => (start is null) == (end is null) && (start is null || start != end);

    public static bool IsShare(decimal share) => share is >= 0 and <= 1;

    /// <summary>Why these settings cannot be saved, each naming its setting; empty when they can.</summary>
    public static IEnumerable<string> Problems(SettingsValues values)
    {
        if (Cron(values.SnapshotCron) is null)
        {
            yield return $"{nameof(SettingsValues.SnapshotCron)}: '{values.SnapshotCron}' is not a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first, such as 0 1 * * *.";
        }

        if (Zone(values.TimeZone) is null)
        {
            yield return $"{nameof(SettingsValues.TimeZone)}: '{values.TimeZone}' is not a time zone this server knows; use an IANA name such as Asia/Tokyo or UTC.";
        }

        if (!IsWindow(values.WindowStart, values.WindowEnd))
        {
            yield return values.WindowStart == values.WindowEnd
                ? $"{nameof(SettingsValues.WindowStart)} and {nameof(SettingsValues.WindowEnd)}: the execution window starts and ends at the same time; clear both for any time."
                : $"{nameof(SettingsValues.WindowStart)} and {nameof(SettingsValues.WindowEnd)}: the execution window needs both a start and an end, or neither (any time).";
        }

        if (values.ApprovalsRequired is not (1 or 2))
        {
            yield return $"{nameof(SettingsValues.ApprovalsRequired)} must be 1 or 2 (it is {values.ApprovalsRequired}).";
        }

        foreach (var (name, share) in new[] { (nameof(SettingsValues.AutoRunMaxImageShare), values.AutoRunMaxImageShare), (nameof(SettingsValues.AutoRunMaxByteShare), values.AutoRunMaxByteShare) })
        {
            if (!IsShare(share))
            {
                yield return $"{name} must be a share from 0 to 100 % (it is {share:P0}).";
            }
        }

        if (values.AutoRunMaxGb < 0)
        {
            yield return $"{nameof(SettingsValues.AutoRunMaxGb)} cannot be negative (it is {values.AutoRunMaxGb}); leave it empty for no limit.";
        }
    }
}
