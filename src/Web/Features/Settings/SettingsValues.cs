using EcrCurator.Infrastructure.Persistence.Model;

namespace EcrCurator.Web.Features.Settings;

/// <summary>The run-time settings as the Settings page edits them; <see cref="Version"/> is the row version they were read at.</summary>
public sealed class SettingsValues
{
    public bool KillSwitch { get; set; }

    public bool DryRun { get; set; }

    public string SnapshotCron { get; set; } = "";

    /// <summary>The zone of the snapshot schedule and the execution window, and the one the dashboard shows times in.</summary>
    public string TimeZone { get; set; } = "";

    public TimeOnly? WindowStart { get; set; }

    public TimeOnly? WindowEnd { get; set; }

    public int ApprovalsRequired { get; set; } = 1;

    /// <summary>Shares from 0 to 1.</summary>
    public decimal AutoRunMaxImageShare { get; set; }

    public decimal AutoRunMaxByteShare { get; set; }

    public decimal? AutoRunMaxGb { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    /// <summary>The fields a person changes on the form (not the kill switch, which has its own action), by name.</summary>
    public static IReadOnlyList<(string Name, Func<SettingsValues, object?> Value)> Editable { get; } =
    [
        (nameof(DryRun), values => values.DryRun),
        (nameof(SnapshotCron), values => values.SnapshotCron),
        (nameof(TimeZone), values => values.TimeZone),
        (nameof(WindowStart), values => values.WindowStart),
        (nameof(WindowEnd), values => values.WindowEnd),
        (nameof(ApprovalsRequired), values => values.ApprovalsRequired),
        (nameof(AutoRunMaxImageShare), values => values.AutoRunMaxImageShare),
        (nameof(AutoRunMaxByteShare), values => values.AutoRunMaxByteShare),
        (nameof(AutoRunMaxGb), values => values.AutoRunMaxGb),
    ];

    public static SettingsValues Of(SettingsRow row) => new()
    {
        KillSwitch = row.KillSwitch,
        DryRun = row.DryRun,
        SnapshotCron = row.SnapshotCron,
        TimeZone = row.TimeZone,
        WindowStart = row.WindowStart,
        WindowEnd = row.WindowEnd,
        ApprovalsRequired = row.ApprovalsRequired,
        AutoRunMaxImageShare = row.AutoRunMaxImageShare,
        AutoRunMaxByteShare = row.AutoRunMaxByteShare,
        AutoRunMaxGb = row.AutoRunMaxGb,
        UpdatedBy = row.UpdatedBy,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
    };

    public void ApplyTo(SettingsRow row)
    {
        row.DryRun = DryRun;
        row.SnapshotCron = SnapshotCron.Trim();
        row.TimeZone = TimeZone.Trim();
        row.WindowStart = WindowStart;
        row.WindowEnd = WindowEnd;
        row.ApprovalsRequired = ApprovalsRequired;
        row.AutoRunMaxImageShare = AutoRunMaxImageShare;
        row.AutoRunMaxByteShare = AutoRunMaxByteShare;
        row.AutoRunMaxGb = AutoRunMaxGb;
    }

    public SettingsValues Copy() => (SettingsValues)MemberwiseClone();
}
