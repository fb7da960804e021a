using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>
/// When deletions may run: between two times of day in a time zone (wrapping midnight when the end is earlier than
/// the start), or at any time when no window is set.
/// </summary>
public sealed record ExecutionWindow(TimeOnly? Start, TimeOnly? End, TimeZoneInfo Zone)
{
    public static ExecutionWindow Of(SettingsRow settings) =>
        new(settings.WindowStart, settings.WindowEnd, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));

    public bool IsOpen(DateTimeOffset now)
    {
        if (Start is not { } start || End is not { } end || start == end)
        {
            return true;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        return start < end ? local >= start && local < end : local >= start || local < end;
    }

    /// <summary>The next moment the window opens (now, when it is open).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return now;
        }

        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var opening = local.Date + Start!.Value.ToTimeSpan();
        if (opening <= local.DateTime)
        {
            opening = opening.AddDays(1);
        }

        return new DateTimeOffset(opening, Zone.GetUtcOffset(opening));
    }

    public override string ToString() =>
        Start is null || End is null ? "any time" : $"{Start:HH\\:mm}–{End:HH\\:mm} {Zone.Id}";
}
