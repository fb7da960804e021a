using Bunit;
using EcrCurator.Web.Features.Settings;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class RunSettingsFormTests : ComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<SettingsValues> _saved = [];

    private static SettingsValues Values() => new()
    {
        SnapshotCron = "0 1 * * *", TimeZone = "Asia/Tokyo", ApprovalsRequired = 1, AutoRunMaxImageShare = 0.5m, AutoRunMaxByteShare = 0.5m,
        UpdatedBy = "ada", UpdatedAt = Now, Version = 7,
    };

    [Fact]
    public void TheScheduleSaysWhenTheNextSnapshotIsTakenInItsZone()
    {
        var form = Render(Values());

        // 01:00 in Tokyo on 2026-01-01 is 16:00 UTC the day before: the next one after midnight UTC is on the 2nd.
        Assert.Contains("Next snapshot: 2026-01-02 01:00 (Asia/Tokyo)", form.Find("[data-testid=field-SnapshotCron]").TextContent);
    }

    [Theory]
    [InlineData("every night")]
    [InlineData("@daily")]
    [InlineData("0 1 * *")]
    [InlineData("61 1 * * *")]
    public void AScheduleThatIsNoCronExpressionIsRefused(string cron)
    {
        var values = Values();
        values.SnapshotCron = cron;
        var form = Render(values);

        form.Find("[data-testid=settings-save]").Click();

        Assert.Contains("Not a cron expression of 5 fields", form.Find("[data-testid=field-SnapshotCron]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void AScheduleWithSecondsIsAccepted()
    {
        var values = Values();
        values.SnapshotCron = "30 0 1 * * *";

        Render(values).Find("[data-testid=settings-save]").Click();

        Assert.Equal("30 0 1 * * *", Assert.Single(_saved).SnapshotCron);
    }

    [Fact]
    public void AnUnknownZoneIsRefused()
    {
        var values = Values();
        values.TimeZone = "Mars/Olympus";
        var form = Render(values);

        form.Find("[data-testid=settings-save]").Click();

        Assert.Contains("Not a time zone this server knows", form.Find("[data-testid=field-TimeZone]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void AnExecutionWindowNeedsBothEndsOrNone()
    {
        var values = Values();
        values.WindowStart = new TimeOnly(22, 0);
        var form = Render(values);

        form.Find("[data-testid=settings-save]").Click();

        Assert.Contains("Set both the start and the end, or neither", form.Find("[data-testid=field-WindowStart]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void AWindowStartingAndEndingAtTheSameTimeIsRefused()
    {
        var values = Values();
        (values.WindowStart, values.WindowEnd) = (new TimeOnly(3, 0), new TimeOnly(3, 0));

        var form = Render(values);
        form.Find("[data-testid=settings-save]").Click();

        Assert.Contains("starts and ends at the same time", form.Find("[data-testid=field-WindowStart]").TextContent);
        Assert.Empty(_saved);
    }

    [Fact]
    public void SharesAreEditedAsPercentagesAndSavedAsShares()
    {
        var form = Render(Values());
        var images = form.Find("[data-testid=field-AutoRunMaxImageShare] input");

        Assert.Equal(50m, decimal.Parse(images.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));
        images.Change("25");
        form.Find("[data-testid=settings-save]").Click();

        var saved = Assert.Single(_saved);
        Assert.Equal((0.25m, 0.5m, 7u), (saved.AutoRunMaxImageShare, saved.AutoRunMaxByteShare, saved.Version));
    }

    [Fact]
    public void AShareAboveAHundredPercentIsRefused()
    {
        var form = Render(Values());

        form.Find("[data-testid=field-AutoRunMaxByteShare] input").Change("150");
        form.Find("[data-testid=settings-save]").Click();

        Assert.Contains("From 0 to 100 %.", form.Find("[data-testid=field-AutoRunMaxByteShare]").TextContent);
        Assert.Empty(_saved);
    }

    private IRenderedComponent<RunSettingsForm> Render(SettingsValues values) =>
        RenderWithPopovers<RunSettingsForm>(parameters => parameters
            .Add(form => form.Values, values)
            .Add(form => form.Now, Now)
            .Add(form => form.OnSave, saved => _saved.Add(saved)));
}
