using System.Globalization;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Tests.Components;

public class DisplayTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1023L, "1,023 B")]
    [InlineData(1024L, "1.0 KiB")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(3_400L, "3.3 KiB")]
    [InlineData(1_048_575L, "1.0 MiB")]
    [InlineData(12L * 1024 * 1024 + 300 * 1024, "12.3 MiB")]
    [InlineData(1024L * 1024 * 1024 - 1, "1.00 GiB")]
    [InlineData(1536L * 1024 * 1024, "1.50 GiB")]
    [InlineData(1_234_567_890_123L, "1.12 TiB")]
    [InlineData(5000L * 1024 * 1024 * 1024 * 1024, "5,000.00 TiB")]
    public void ASizeIsWrittenInTheLargestUnitInWhichItIsAtLeastOne(long bytes, string expected)
    {
        Assert.Equal(expected, Display.Size(bytes, English));
        Assert.Equal(expected, Display.Size(bytes, Japanese));
    }

    [Fact]
    public void ASignatureOfAFewKilobytesIsNotZeroMebibytes() =>
        Assert.Equal("2.1 KiB", Display.Size(2_150, English));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(1055L, "1,055")]
    [InlineData(1_000_000L, "1,000,000")]
    public void ACountHasThousandsSeparatorsInEnglishAndJapanese(long count, string expected)
    {
        Assert.Equal(expected, Display.Count(count, English));
        Assert.Equal(expected, Display.Count(count, Japanese));
    }

    [Fact]
    public void CountsAndSizesFollowTheCultureOfTheRequestWhenNoneIsGiven()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a culture whose separators differ, to see it is used
            Assert.Equal("1.055", Display.Count(1055));
            Assert.Equal("1,5 KiB", Display.Size(1536));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ATimeIsWrittenInTheSettingsZone()
    {
        var utc = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-04-01 08:30", Display.Default.Time(utc));
        Assert.Equal("2026-03-31 23:30", new Display(TimeZoneInfo.Utc).Time(utc));
        Assert.Equal("—", Display.Default.Time(null));
    }
}
