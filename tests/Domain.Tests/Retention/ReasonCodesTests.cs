namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3: the reason codes as every output spells them.</summary>
public class ReasonCodesTests
{
    [Theory]
    [InlineData(Reasons.Untagged, "untagged")]
    [InlineData(Reasons.OutsideWindow, "outside-window")]
    [InlineData(Reasons.InWindow, "in-window")]
    [InlineData(Reasons.InUse, "in-use")]
    [InlineData(Reasons.Pinned, "pinned")]
    [InlineData(Reasons.IndexChild, "index-child")]
    [InlineData(Reasons.AttachedArtifact, "attached-artifact")]
    [InlineData(Reasons.KeepNewest, "keep-newest")]
    [InlineData(Reasons.RecentlyPulled, "recently-pulled")]
    [InlineData(Reasons.KeptTagPattern, "kept-tag-pattern")]
    [InlineData(Reasons.RollbackTarget, "rollback-target")]
    [InlineData(Reasons.Excluded, "excluded")]
    [InlineData(Reasons.Unverified, "unverified")]
    [InlineData(Reasons.QuarantineExpired, "quarantine-expired")]
    public void SpellsEachReasonAsTheSpecificationDoes(Reasons reason, string code)
    {
        Assert.Equal(code, ReasonCodes.Code(reason));
        Assert.Equal(reason, ReasonCodes.Parse(code));
        Assert.Equal([code], ReasonCodes.Codes(reason));
    }

    [Fact]
    public void SortsTheCodesOfASet()
    {
        Assert.Equal(["outside-window", "pinned", "untagged"], ReasonCodes.Codes(Reasons.Untagged | Reasons.Pinned | Reasons.OutsideWindow));
    }

    [Fact]
    public void SortsUnverifiedAmongTheOthersAsTheSpecificationLists()
    {
        Assert.Equal(["outside-window", "untagged", "unverified"], ReasonCodes.Codes(Reasons.Unverified | Reasons.Untagged | Reasons.OutsideWindow));
    }

    [Fact]
    public void RejectsAnUnknownCode()
    {
        Assert.Throws<FormatException>(() => ReasonCodes.Parse("in_use"));
    }
}
