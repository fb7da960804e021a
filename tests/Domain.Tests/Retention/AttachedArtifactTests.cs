using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 3.5: signatures, SBOMs and attestations are kept while their image is kept.</summary>
public class AttachedArtifactTests
{
    [Fact]
    public void KeepsAnUntaggedArtifactWhoseSubjectIsKept()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r.Image("v1", DaysAgo(0)).Untagged("v1-signature", DaysAgo(0), i => i.Subject("v1")))
            .Evaluate();

        Assert.Equal("keep: attached-artifact, in-window, untagged", plan.Of("care/api", "v1-signature").Verdict());
    }

    [Theory]
    [InlineData(".sig")]
    [InlineData(".att")]
    [InlineData(".sbom")]
    public void KeepsAnArtifactTaggedWithTheDigestOfAKeptImage(string suffix)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40))
                .Image("artifact", DaysAgo(40), i => i.Tagged(Digests.AttachmentTag("v1", suffix))))
            .Task("care/api:v1")
            .Evaluate();

        Assert.Equal("keep: attached-artifact, outside-window", plan.Of("care/api", "artifact").Verdict());
    }

    [Theory]
    [InlineData(".sig.old")]
    [InlineData(".txt")]
    [InlineData("")]
    public void IgnoresATagThatOnlyLooksLikeAnAttachment(string suffix)
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40))
                .Image("artifact", DaysAgo(40), i => i.Tagged(Digests.AttachmentTag("v1", suffix))))
            .Task("care/api:v1")
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "artifact").Verdict());
    }

    [Fact]
    public void IgnoresAnAttachmentTagWithAShortenedDigest()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40))
                .Image("artifact", DaysAgo(40), i => i.Tagged($"sha256-{Digests.Hex("v1")[..12]}.sig")))
            .Task("care/api:v1")
            .Evaluate();

        Assert.Equal("delete: outside-window", plan.Of("care/api", "artifact").Verdict());
    }

    [Fact]
    public void DecidesTheArtifactsOfADeletedImageByTheirOwnRules()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40))
                .Untagged("v1-sbom", DaysAgo(40), i => i.Subject("v1"))
                .Image("v1-signature", DaysAgo(20), i => i.Tagged(Digests.AttachmentTag("v1"))))
            .Evaluate();

        Assert.Equal("delete: outside-window, untagged", plan.Of("care/api", "v1-sbom").Verdict());
        Assert.Equal("keep: in-window", plan.Of("care/api", "v1-signature").Verdict());
        Assert.Equal(["v1", "v1-sbom"], plan.Deleted("care/api"));
    }

    [Fact]
    public void IgnoresASubjectInAnotherRepository()
    {
        var plan = new InventoryBuilder()
            .Repository("care/web", r => r.Image("v1", DaysAgo(0)))
            .Repository("care/api", r => r.Image("v2", DaysAgo(0)).Untagged("v1-signature", DaysAgo(0), i => i.Subject("v1")))
            .Evaluate();

        Assert.Equal("delete: in-window, untagged", plan.Of("care/api", "v1-signature").Verdict());
    }

    [Fact]
    public void SpreadsKeepingThroughIndexChildrenAndAttachmentsUntilNothingChanges()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Untagged("index", DaysAgo(60), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(60))
                .Image("amd64-signature", DaysAgo(60), i => i.Tagged(Digests.AttachmentTag("amd64")))
                .Untagged("signature-attestation", DaysAgo(60), i => i.Subject("amd64-signature"))
                .Untagged("index-sbom", DaysAgo(60), i => i.Subject("index")))
            .Pin("care/api", "index")
            .Evaluate();

        Assert.Empty(plan.Deleted("care/api"));
        Assert.Equal("keep: index-child, outside-window, untagged", plan.Of("care/api", "amd64").Verdict());
        Assert.Equal("keep: attached-artifact, outside-window", plan.Of("care/api", "amd64-signature").Verdict());
        Assert.Equal("keep: attached-artifact, outside-window, untagged", plan.Of("care/api", "signature-attestation").Verdict());
        Assert.Equal("keep: attached-artifact, outside-window, untagged", plan.Of("care/api", "index-sbom").Verdict());
    }

    [Fact]
    public void DeletesTheWholeChainWhenItsRootIsDeleted()
    {
        var plan = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Untagged("index", DaysAgo(60), i => i.Index("amd64"))
                .Untagged("amd64", DaysAgo(60))
                .Untagged("amd64-signature", DaysAgo(60), i => i.Subject("amd64")))
            .Evaluate();

        Assert.Equal(["amd64", "amd64-signature", "index"], plan.Deleted("care/api"));
    }
}
