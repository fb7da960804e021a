namespace EcrCurator.Domain.Tests.Builders;

/// <summary>The time every test evaluates at, and push or pull times relative to it.</summary>
public static class Clock
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DaysAgo(int days) => Now - TimeSpan.FromDays(days);

    public static DateTimeOffset DaysLater(int days) => Now + TimeSpan.FromDays(days);
}
