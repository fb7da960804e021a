using Bunit;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Overview;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Overview;

public class LastSnapshotTests : ComponentTest
{
    private static readonly DateTimeOffset Started = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnIncompleteSnapshotSaysWhyNothingWasProposed()
    {
        var snapshot = new SnapshotSummary(7, Started, Started.AddMinutes(3), "system", "Incomplete",
            ["ecs:ListTasks in 222222222222/ap-northeast-1 was refused: AccessDeniedException"], ["Repository shop/api could not be read: throttled"]);

        var status = Render<LastSnapshot>(parameters => parameters.Add(component => component.Snapshot, snapshot));

        Assert.Equal("Incomplete", status.Find("[data-testid=snapshot-status-chip]").TextContent.Trim());
        Assert.Contains("nothing was proposed for deletion", status.Find("[data-testid=snapshot-reasons]").TextContent);
        Assert.Equal(snapshot.IncompleteReasons, status.FindAll("[data-testid=snapshot-reason]").Select(reason => reason.TextContent));
        Assert.Equal(snapshot.Problems, status.FindAll("[data-testid=snapshot-problem]").Select(problem => problem.TextContent));
        Assert.Contains("2026-11-28 01:03", status.Markup); // finished, in Asia/Tokyo
        Assert.Contains("system", status.Markup);
    }

    [Fact]
    public void ShowsWhatTheSnapshotLeftOutByConfiguration()
    {
        var snapshot = new SnapshotSummary(8, Started, Started.AddMinutes(1), "alice", "Complete", [], [])
        {
            Notes = ["Lambda functions were not read (Curator:Usage:Lambda is false): an image that only a Lambda function runs is not protected."],
        };

        var status = Render<LastSnapshot>(parameters => parameters.Add(component => component.Snapshot, snapshot));

        Assert.Equal(snapshot.Notes, status.FindAll("[data-testid=snapshot-note]").Select(note => note.TextContent.Trim()));
        Assert.Empty(status.FindAll("[data-testid=snapshot-reasons]"));
    }

    [Fact]
    public void ACompleteSnapshotNeedsNoExplanation()
    {
        var snapshot = new SnapshotSummary(8, Started, Started.AddMinutes(1), "alice", "Complete", [], []);

        var status = Render<LastSnapshot>(parameters => parameters.Add(component => component.Snapshot, snapshot));

        Assert.Equal("Complete", status.Find("[data-testid=snapshot-status-chip]").TextContent.Trim());
        Assert.Empty(status.FindAll("[data-testid=snapshot-reasons]"));
    }

    [Fact]
    public void AFailedSnapshotShowsItsProblem()
    {
        var snapshot = new SnapshotSummary(9, Started, null, "system", "Failed", [], ["It did not finish within 6 hours: its process stopped."]);

        var status = Render<LastSnapshot>(parameters => parameters.Add(component => component.Snapshot, snapshot));

        Assert.Equal("Failed", status.Find("[data-testid=snapshot-status-chip]").TextContent.Trim());
        Assert.Equal(snapshot.Problems, status.FindAll("[data-testid=snapshot-problem]").Select(problem => problem.TextContent));
        Assert.Contains("2026-11-28 01:00", status.Markup); // never finished: when it started
    }

    [Fact]
    public void TheProgressBarCountsAccountRegionsAndRepositories()
    {
        var progress = new SnapshotProgress(10, "Running", 1, 2, 15, 60);

        var bar = Render<SnapshotProgressBar>(parameters => parameters.Add(component => component.Progress, progress));

        Assert.Equal("1 of 2 account-regions, 15 of 60 repositories read", bar.Find("[data-testid=snapshot-progress-text]").TextContent.Trim());
        Assert.Contains("25", bar.Find(".mud-progress-linear").OuterHtml);
    }
}
