using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.History;

namespace EcrCurator.Web.Tests.Features.History;

public class AuditDetailsTests
{
    [Fact]
    public void TheSummaryListsTheFieldsThatHaveAValueWithLongListsByTheirLength()
    {
        var summary = AuditDetails.Summary("""{"proposal": 4, "comment": null, "excluded": ["sha256:a"], "digests": ["1", "2", "3", "4"], "required": 2}""", Display.Default);

        Assert.Equal("proposal: 4 · excluded: [sha256:a] · digests: [4] · required: 2", summary);
    }

    [Fact]
    public void ALongSummaryIsCut()
    {
        var summary = AuditDetails.Summary($$"""{"reason": "{{new string('x', 300)}}"}""", Display.Default, 40);

        Assert.Equal(40, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void PrettyJsonIsIndentedAndKeepsTextReadable()
    {
        var pretty = AuditDetails.Pretty("""{"comment":"まだ <早い>","proposal":4}""", Display.Default);

        Assert.Equal("{\n  \"comment\": \"まだ <早い>\",\n  \"proposal\": 4\n}", pretty.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DetailsThatAreNotJsonAreShownAsTheyAre() => Assert.Equal("not json", AuditDetails.Pretty("not json", Display.Default));

    [Fact]
    public void SizesAndTimesReadAsTheDashboardWritesThemInTheSettingsZone()
    {
        const string details = """{"proposal":4,"deletedBytes":1610612736,"candidateBytes":2150,"expiresAt":"2026-03-31T23:30:00+00:00","comment":"1024"}""";

        Assert.Equal(
            "proposal: 4 · deletedBytes: 1.50 GiB · candidateBytes: 2.1 KiB · expiresAt: 2026-04-01 08:30 · comment: 1024",
            AuditDetails.Summary(details, Display.Default));
        Assert.Equal(
            """
            {
              "proposal": 4,
              "deletedBytes": 1610612736  (1.50 GiB),
              "candidateBytes": 2150  (2.1 KiB),
              "expiresAt": "2026-03-31T23:30:00+00:00"  (2026-03-31 23:30),
              "comment": "1024"
            }
            """,
            AuditDetails.Pretty(details, new Display(TimeZoneInfo.Utc)).ReplaceLineEndings("\n"));
    }
}
