using EcrCurator.Web.Features.History;

namespace EcrCurator.Web.Tests.Features.History;

public class AuditDetailsTests
{
    [Fact]
    public void TheSummaryListsTheFieldsThatHaveAValueWithLongListsByTheirLength()
    {
        var summary = AuditDetails.Summary("""{"proposal": 4, "comment": null, "excluded": ["sha256:a"], "digests": ["1", "2", "3", "4"], "required": 2}""");

        Assert.Equal("proposal: 4 · excluded: [sha256:a] · digests: [4] · required: 2", summary);
    }

    [Fact]
    public void ALongSummaryIsCut()
    {
        var summary = AuditDetails.Summary($$"""{"reason": "{{new string('x', 300)}}"}""", 40);

        Assert.Equal(40, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void PrettyJsonIsIndentedAndKeepsTextReadable()
    {
        var pretty = AuditDetails.Pretty("""{"comment":"まだ <早い>","proposal":4}""");

        Assert.Equal("{\n  \"comment\": \"まだ <早い>\",\n  \"proposal\": 4\n}", pretty.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DetailsThatAreNotJsonAreShownAsTheyAre() => Assert.Equal("not json", AuditDetails.Pretty("not json"));
}
