using Bunit;
using EcrCurator.Web.Features.Approvals;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class ExclusionListTests : ComponentTest
{
    private const long MiB = 1024 * 1024;

    private static readonly CandidateView[] Candidates =
    [
        Candidate("sha256:aaaaaaaaaaaaaaaaaaaa", 10 * MiB, ["v1"], recentlyPulled: true),
        Candidate("sha256:bbbbbbbbbbbbbbbbbbbb", 20 * MiB, []),
        Candidate("sha256:cccccccccccccccccccc", 30 * MiB, ["v3", "old"]),
    ];

    [Fact]
    public void EveryCandidateIsTickedAndCountsTowardsWhatRemains()
    {
        var list = Render<ExclusionList>(parameters => parameters.Add(list => list.Candidates, Candidates));

        Assert.Equal(3, list.FindAll("[data-testid=candidate] input[type=checkbox]").Count(box => box.HasAttribute("checked")));
        Assert.Equal("3 of 3 images will be deleted (60.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());
        Assert.Single(list.FindAll("[data-testid=recently-pulled]"));
    }

    [Fact]
    public void UntickingACandidateExcludesItAndLowersWhatRemains()
    {
        IReadOnlySet<string>? excluded = null;
        var list = Render<ExclusionList>(parameters => parameters
            .Add(list => list.Candidates, Candidates)
            .Add(list => list.ExcludedChanged, value => excluded = value));

        Checkbox(list, "sha256:bbbbbbbbbbbbbbbbbbbb").Change(false);

        Assert.Equal(["sha256:bbbbbbbbbbbbbbbbbbbb"], excluded);
        Assert.Equal("2 of 3 images will be deleted (40.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());

        Checkbox(list, "sha256:bbbbbbbbbbbbbbbbbbbb").Change(true);

        Assert.Empty(excluded!);
        Assert.Equal("3 of 3 images will be deleted (60.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());
    }

    [Fact]
    public void SelectNoneExcludesEveryCandidateAndSelectAllIncludesThemAgain()
    {
        IReadOnlySet<string>? excluded = null;
        var list = Render<ExclusionList>(parameters => parameters
            .Add(list => list.Candidates, Candidates)
            .Add(list => list.ExcludedChanged, value => excluded = value));

        list.Find("[data-testid=select-none]").Click();

        Assert.Equal(Candidates.Select(candidate => candidate.Digest).Order(), excluded!.Order());
        Assert.Equal("0 of 3 images will be deleted (0 B)", list.Find("[data-testid=remaining]").TextContent.Trim());
        Assert.Equal((0, 60 * MiB), (list.Instance.RemainingCount, Candidates.Sum(candidate => candidate.SizeBytes) - list.Instance.RemainingBytes));

        list.Find("[data-testid=select-all]").Click();

        Assert.Empty(excluded!);
        Assert.Equal((3, 60 * MiB), (list.Instance.RemainingCount, list.Instance.RemainingBytes));
    }

    [Fact]
    public void ExclusionsGivenBeforeAreUntickedFromTheStart()
    {
        var list = Render<ExclusionList>(parameters => parameters
            .Add(list => list.Candidates, Candidates)
            .Add(list => list.Excluded, new HashSet<string> { "sha256:cccccccccccccccccccc" }));

        Assert.False(Checkbox(list, "sha256:cccccccccccccccccccc").HasAttribute("checked"));
        Assert.Equal("2 of 3 images will be deleted (30.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());
    }

    [Fact]
    public void AReadOnlyListOffersNoSelectionAndItsCheckboxesAreDisabled()
    {
        var list = Render<ExclusionList>(parameters => parameters
            .Add(list => list.Candidates, Candidates)
            .Add(list => list.ReadOnly, true));

        Assert.Empty(list.FindAll("[data-testid=select-all], [data-testid=select-none]"));
        Assert.All(list.FindAll("[data-testid=candidate] input[type=checkbox]"), box => Assert.True(box.HasAttribute("disabled")));
    }

    [Fact]
    public void ACandidatePinnedSinceTheSnapshotSaysItWillBeSkippedCannotBeTickedAndCountsNowhere()
    {
        CandidateView[] candidates = [Candidates[0], Candidates[1] with { Held = HeldBy.Pin }, Candidates[2]];
        var list = Render<ExclusionList>(parameters => parameters.Add(list => list.Candidates, candidates));

        Assert.Equal("2 of 2 images will be deleted (40.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());
        Assert.Equal("pinned — will be skipped", list.Find("[data-testid=held]").TextContent.Trim());
        var box = Checkbox(list, "sha256:bbbbbbbbbbbbbbbbbbbb");
        Assert.False(box.HasAttribute("checked"));
        Assert.True(box.HasAttribute("disabled"));
    }

    [Fact]
    public void AProposalNoLongerOpenSaysWhatWasProposedNotWhatWillBeDeleted()
    {
        var list = Render<ExclusionList>(parameters => parameters.Add(list => list.Candidates, Candidates).Add(list => list.Open, false).Add(list => list.ReadOnly, true));

        Assert.Equal("3 images were proposed (60.0 MiB)", list.Find("[data-testid=remaining]").TextContent.Trim());
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<ExclusionList> list, string digest) =>
        list.Find($"[data-testid=candidate][data-digest='{digest}'] input[type=checkbox]");

    private static CandidateView Candidate(string digest, long bytes, string[] tags, bool recentlyPulled = false) =>
        new(digest, tags, DateTimeOffset.UnixEpoch, recentlyPulled ? DateTimeOffset.UnixEpoch.AddDays(1) : null, bytes, ["outside-window"], recentlyPulled);
}
