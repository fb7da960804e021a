using EcrCurator.Infrastructure.Execution;

namespace EcrCurator.Infrastructure.Tests.Execution;

public class ExecutionWindowTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateTimeOffset TokyoTime(int hour, int minute = 0) => new(2026, 11, 28, hour, minute, 0, TimeSpan.FromHours(9));

    [Fact]
    public void IsAlwaysOpenWhenNoWindowIsSet()
    {
        var window = new ExecutionWindow(null, null, Tokyo);

        Assert.True(window.IsOpen(TokyoTime(13)));
        Assert.Equal(TokyoTime(13), window.NextOpening(TokyoTime(13)));
    }

    [Fact]
    public void OpensBetweenItsTimesInItsTimeZone()
    {
        var window = new ExecutionWindow(new TimeOnly(2, 0), new TimeOnly(5, 0), Tokyo);

        Assert.True(window.IsOpen(TokyoTime(2)));
        Assert.True(window.IsOpen(TokyoTime(4, 59)));
        Assert.False(window.IsOpen(TokyoTime(5)));
        Assert.False(window.IsOpen(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero))); // 12:00 in Tokyo
        Assert.Equal(TokyoTime(2).AddDays(1), window.NextOpening(TokyoTime(6)));
        Assert.Equal(TokyoTime(2), window.NextOpening(TokyoTime(1)));
    }

    [Fact]
    public void WrapsAroundMidnightWhenItEndsBeforeItStarts()
    {
        var window = new ExecutionWindow(new TimeOnly(22, 0), new TimeOnly(4, 0), Tokyo);

        Assert.True(window.IsOpen(TokyoTime(23)));
        Assert.True(window.IsOpen(TokyoTime(3)));
        Assert.False(window.IsOpen(TokyoTime(12)));
        Assert.Equal(TokyoTime(22), window.NextOpening(TokyoTime(12)));
    }
}
