using EcrCurator.Web.Features.Approvals;

namespace EcrCurator.Web.Tests.Features.Approvals;

public class LabelsTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("111111111111/ap-northeast-1/care/api", "care/api")]
    [InlineData("111111111111/ap-northeast-1/care/api@" + Digest, "care/api@sha256:0123456789ab…")]
    [InlineData("snapshot/12", "snapshot/12")]
    [InlineData("settings", "settings")]
    public void AnAuditTargetIsWrittenByItsRepositoryNameAndShortDigest(string target, string written) =>
        Assert.Equal(written, Labels.Target(target));

    [Fact]
    public void LongTagsAreCutAndNoTagsIsADash()
    {
        Assert.Equal("—", Labels.Tags([]));
        Assert.Equal("v1, sha256-0123456789abcdef0123…", Labels.Tags(["v1", "sha256-0123456789abcdef0123456789.sig"]));
    }

    [Fact]
    public void ARepositoryKeyIsItsNameAndWhereItIs() =>
        Assert.Equal(("team/app", "111111111111 · ap-northeast-1"), Labels.Repository("111111111111/ap-northeast-1/team/app"));
}
