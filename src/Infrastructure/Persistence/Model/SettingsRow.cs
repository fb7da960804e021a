namespace EcrCurator.Infrastructure.Persistence.Model;

/// <summary>The settings people change at run time: one row.</summary>
public sealed class SettingsRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public bool KillSwitch { get; set; }

    public bool DryRun { get; set; }

    public string SnapshotCron { get; set; } = "0 1 * * *";

    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Deletions run only between these times of day (in <see cref="TimeZone"/>); none: any time.</summary>
    public TimeOnly? WindowStart { get; set; }

    public TimeOnly? WindowEnd { get; set; }

    public int ApprovalsRequired { get; set; } = 1;

    public decimal AutoRunMaxImageShare { get; set; } = 0.5m;

    public decimal AutoRunMaxByteShare { get; set; } = 0.5m;

    public decimal? AutoRunMaxGb { get; set; }

    public string UpdatedBy { get; set; } = "system";

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
