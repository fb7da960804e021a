using EcrCurator.Domain.Tests.Builders;
using static EcrCurator.Domain.Tests.Builders.Clock;

namespace EcrCurator.Domain.Tests.Retention;

/// <summary>SPEC 4's re-check: images an execution leaves in place are held, kept as excluded, and keep what hangs on them.</summary>
public class HeldImagesTests
{
    [Fact]
    public void AHeldImageIsKeptAsExcludedAndKeepsItsChildrenAndAttachments()
    {
        var inventory = new InventoryBuilder()
            .Repository("care/api", r => r
                .Image("v2", DaysAgo(0))
                .Image("v1", DaysAgo(40), i => i.Index("v1-amd64"))
                .Untagged("v1-amd64", DaysAgo(40))
                .Image("v0", DaysAgo(50))
                .Untagged("v0-sbom", DaysAgo(50), i => i.Subject("v0")))
            .Build();
        var repository = inventory.Repositories.Single();
        var run = RetentionEngine.Prepare([new RepositoryHeading(repository.Key, repository.Team)], inventory.Uses, inventory.TaskDefinitions, [], PolicySet.BasePolicy, [], Now);

        var free = run.Evaluate(repository);
        var held = run.Evaluate(repository, new HashSet<string> { Digests.Of("v1"), Digests.Of("v0") });

        Assert.Equal(["v0", "v0-sbom", "v1", "v1-amd64"], free.Names().Where(name => free.Of(name).Decision == Decision.Delete).Order());
        Assert.Equal("keep: excluded, outside-window", held.Of("v1").Verdict());
        Assert.Equal("keep: index-child, outside-window, untagged", held.Of("v1-amd64").Verdict());
        Assert.Equal("keep: attached-artifact, outside-window, untagged", held.Of("v0-sbom").Verdict());
    }
}
