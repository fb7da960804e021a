using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Tests.Support;
using MudBlazor;

namespace EcrCurator.Web.Tests.Components;

public partial class OverviewChartsTests : ComponentTest
{
    public OverviewChartsTests()
    {
        // A time series draws its lines once it has measured its axis labels in the browser.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudGetSvgBBox", _ => true).SetResult(new MudBlazor.Interop.ElementSize { Width = 40, Height = 15 });
    }

    private const long GiB = 1L << 30;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheTrendPlacesEachSnapshotAtItsTimeSoThatElevenMinutesAreNarrowerThanAWeek()
    {
        var figures = Figures(
            new TrendPoint(1, Start, 10 * GiB, 0, 40),
            new TrendPoint(2, Start.AddMinutes(11), 10 * GiB, 0, 41),
            new TrendPoint(3, Start.AddDays(7), 8 * GiB, 2 * GiB, 12));

        var cut = RenderWithPopovers<OverviewCharts>(parameters => parameters.Add(charts => charts.Figures, figures));

        foreach (var chart in new[] { "trend-chart", "candidates-chart" })
        {
            var x = Xs(cut.Find($"[data-testid={chart}] path.mud-chart-line").GetAttribute("d")!);
            Assert.Equal(3, x.Count);
            Assert.True(x[2] - x[1] > 100 * (x[1] - x[0]), $"On the {chart} a week is {x[2] - x[1]} wide and 11 minutes {x[1] - x[0]}.");
        }
    }

    [Fact]
    public void EveryChartShowsItsValuesOnHoverAndTheCandidatesChartCountsTheCandidatesOfEachSnapshot()
    {
        var figures = Figures(new TrendPoint(1, Start, 10 * GiB, 0, 40), new TrendPoint(2, Start.AddDays(1), 9 * GiB, GiB, 1055));

        var cut = RenderWithPopovers<OverviewCharts>(parameters => parameters.Add(charts => charts.Figures, figures));

        var charts = cut.FindComponents<MudChart<double>>();
        Assert.Equal(3, charts.Count);
        Assert.All(charts, chart => Assert.True(chart.Instance.ChartOptions!.ShowToolTips));
        var candidates = cut.FindComponents<MudChart<double>>().Single(chart => chart.Instance.ChartSeries is [{ Name: "Candidates" }]).Instance.ChartSeries.Single();
        Assert.Equal([40d, 1055d], candidates.Data.Values);
        Assert.Equal("1,055", 1055d.ToString(candidates.TooltipYValueFormat, CultureInfo.InvariantCulture));
        Assert.Equal("1.5 GiB", 1.5.ToString(charts[0].Instance.ChartSeries[0].TooltipYValueFormat, CultureInfo.InvariantCulture));
    }

    private static OverviewFigures Figures(params TrendPoint[] trend)
    {
        var team = new StorageFigures("search", 3, 30, 10 * GiB, 12, 2 * GiB, GiB, new Savings(2 * GiB, 0.2m), new Savings(GiB, 0.1m));
        return new OverviewFigures(team with { Team = "" }, [team], new Savings(0, 0), "USD", null, null, trend);
    }

    /// <summary>The x coordinates of a line's points (<c>M x y L x y …</c>).</summary>
    private static List<double> Xs(string path) =>
        [.. Point().Matches(path).Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"[ML]\s*(-?[\d.]+)[\s,]+(-?[\d.]+)")]
    private static partial Regex Point();
}
