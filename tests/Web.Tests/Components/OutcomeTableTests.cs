using Bunit;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class OutcomeTableTests : ComponentTest
{
    [Fact]
    public void EachImageShowsItsOutcomeAndAFailureItsError()
    {
        ImageOutcome[] outcomes =
        [
            new("sha256:aaaaaaaaaaaaaaaaaaaaaaaa", ["v1"], Outcomes.Deleted, null, 1024, DateTimeOffset.UnixEpoch),
            new("sha256:bbbbbbbbbbbbbbbbbbbbbbbb", [], Outcomes.Failed, "ImageReferencedByManifestList: still referenced", 2048, DateTimeOffset.UnixEpoch),
            new("sha256:cccccccccccccccccccccccc", ["v3"], Outcomes.SkippedInUse, null, 4096, DateTimeOffset.UnixEpoch),
        ];

        var table = Render<OutcomeTable>(parameters => parameters.Add(table => table.Items, outcomes));

        Assert.Equal([Outcomes.Deleted, Outcomes.Failed, Outcomes.SkippedInUse], table.FindAll("[data-testid=outcome-chip]").Select(chip => chip.TextContent.Trim()));
        Assert.Contains("ImageReferencedByManifestList: still referenced", table.Markup);
        Assert.Contains("mud-chip-color-error", table.FindAll("[data-testid=outcome-chip]")[1].ClassName);
        Assert.Equal("sha256:aaaaaaaaaaaa…", table.Find("[data-testid=outcome] span").TextContent);
    }

    [Fact]
    public void NoOutcomeYetSaysSo()
    {
        var table = Render<OutcomeTable>(parameters => parameters.Add(table => table.Items, []));

        Assert.Contains("No image has been processed yet.", table.Markup);
    }
}
