using EcrCurator.Domain.Tests.Builders;

namespace EcrCurator.Domain.Tests.Properties;

/// <summary>The safety rules of SPEC 3 hold over many generated worlds, whatever the policies.</summary>
public class RetentionPropertiesTests
{
    private const int Worlds = 200;

    private static IEnumerable<(int Seed, RandomWorld World, RetentionPlan Plan)> Generated() =>
        Enumerable.Range(0, Worlds).Select(seed => RandomWorld.Generate(seed) is var world ? (seed, world, world.Evaluate()) : default);

    [Fact]
    public void NeverDeletesAnImageInUseOrActivelyPinned()
    {
        foreach (var (seed, world, plan) in Generated())
        {
            foreach (var (repository, digest) in world.Used)
            {
                var decision = Find(plan, repository, digest);
                Assert.True(decision is { Decision: Decision.Keep } && decision.Reasons.HasFlag(Reasons.InUse), $"seed {seed}: {repository} {digest} in use: {decision.Verdict()}");
            }

            foreach (var (repository, digest) in world.Pinned)
            {
                var decision = Find(plan, repository, digest);
                Assert.True(decision is { Decision: Decision.Keep } && decision.Reasons.HasFlag(Reasons.Pinned), $"seed {seed}: {repository} {digest} pinned: {decision.Verdict()}");
            }
        }
    }

    [Fact]
    public void NeverDeletesAChildOfAKeptIndex()
    {
        foreach (var (seed, _, plan) in Generated())
        {
            foreach (var (repository, kept) in KeptImages(plan))
            {
                foreach (var child in kept.Image.Manifests.Where(repository.ContainsKey))
                {
                    Assert.True(repository[child] is { Decision: Decision.Keep, Reasons: var reasons } && reasons.HasFlag(Reasons.IndexChild), $"seed {seed}: child {child}");
                }
            }
        }
    }

    [Fact]
    public void NeverDeletesAnArtifactOfAKeptImage()
    {
        foreach (var (seed, _, plan) in Generated())
        {
            foreach (var (repository, image) in plan.Repositories.SelectMany(r => r.Images.Select(image => (Index(r), image))))
            {
                var subjects = image.Image.Tags.Where(tag => tag.StartsWith("sha256-", StringComparison.Ordinal))
                    .Select(tag => "sha256:" + tag["sha256-".Length..tag.LastIndexOf('.')])
                    .Append(image.Image.Subject);
                if (subjects.Any(subject => subject is not null && repository.TryGetValue(subject, out var target) && target.Decision == Decision.Keep))
                {
                    Assert.True(image is { Decision: Decision.Keep } && image.Reasons.HasFlag(Reasons.AttachedArtifact), $"seed {seed}: artifact {image.Image.Digest}");
                }
            }
        }
    }

    [Fact]
    public void DecidesTheSameWhateverTheOrderOfTheInput()
    {
        foreach (var (seed, world, plan) in Generated())
        {
            Assert.Equal(Describe(plan), Describe(world.Shuffled(seed + 1).Evaluate()));
        }
    }

    [Fact]
    public void DecidesTheSameOneRepositoryAtATimeAsAllAtOnce()
    {
        foreach (var (seed, world, plan) in Generated())
        {
            foreach (var inventory in new[] { world.Inventory, world.Incomplete("222222222222/us-east-1: ThrottlingException").Inventory })
            {
                var whole = RetentionEngine.Evaluate(inventory, world.Policies, world.Pins, Clock.Now);
                var run = RetentionEngine.Prepare(
                    [.. inventory.Repositories.Select(repository => new RepositoryHeading(repository.Key, repository.Team))],
                    inventory.Uses, inventory.TaskDefinitions, inventory.IncompleteReasons, world.Policies, world.Pins, Clock.Now);
                var streamed = inventory.Repositories.Reverse().Select(run.Evaluate).ToDictionary(repository => repository.Repository.Key);

                Assert.Equal(
                    Describe(whole),
                    Describe(whole with { Repositories = [.. whole.Repositories.Select(repository => streamed[repository.Repository.Key])] }));
            }
        }
    }

    [Fact]
    public void NeverDeletesFromAnIncompleteInventoryButStillListsEveryReasonAndMarksWhatItWouldHaveDeletedUnverified()
    {
        foreach (var (_, world, plan) in Generated())
        {
            var incomplete = world.Incomplete("222222222222/us-east-1: ThrottlingException").Evaluate();

            Assert.False(incomplete.IsComplete);
            Assert.All(incomplete.Repositories, repository =>
            {
                Assert.Empty(repository.Candidates);
                Assert.Equal(0, repository.Bytes.CandidateBytes + repository.Bytes.ReclaimableBytes);
            });
            Assert.Equal(ReasonLines(plan, unverified: true), ReasonLines(incomplete));
        }
    }

    [Fact]
    public void GivesEveryImageExactlyOneWindowCodeNewestPushFirst()
    {
        foreach (var (_, world, plan) in Generated())
        {
            Assert.Equal(world.Inventory.Repositories.Sum(repository => repository.Images.Count), plan.Repositories.Sum(repository => repository.Images.Count));
            foreach (var repository in plan.Repositories)
            {
                Assert.All(repository.Images, image => Assert.Single(image.ReasonCodes, code => code is "in-window" or "outside-window"));
                Assert.Equal(repository.Images.OrderByDescending(image => image.Image.PushedAt).Select(image => image.Image.PushedAt), repository.Images.Select(image => image.Image.PushedAt));
            }
        }
    }

    [Fact]
    public void GeneratesWorldsThatExerciseEveryRule()
    {
        var plans = Generated().Select(generated => generated.Plan).ToArray();
        var decisions = plans.SelectMany(plan => plan.Repositories).SelectMany(repository => repository.Images).ToArray();

        Assert.Equal(
            ReasonCodes.Codes((Reasons)0xFFF),
            ReasonCodes.Codes(decisions.Aggregate(Reasons.None, (all, decision) => all | decision.Reasons)));
        Assert.Contains(decisions, decision => decision.IsCandidate);
        Assert.Contains(decisions, decision => decision.Reasons.HasFlag(Reasons.InUse | Reasons.OutsideWindow | Reasons.Untagged));
    }

    private static ImageDecision Find(RetentionPlan plan, RepositoryKey repository, string digest) =>
        Assert.Single(Assert.Single(plan.Repositories, r => r.Repository.Key == repository).Images, d => d.Image.Digest == digest);

    private static Dictionary<string, ImageDecision> Index(RepositoryPlan repository) =>
        repository.Images.ToDictionary(image => image.Image.Digest, StringComparer.Ordinal);

    private static IEnumerable<(Dictionary<string, ImageDecision> Repository, ImageDecision Kept)> KeptImages(RetentionPlan plan) =>
        from repository in plan.Repositories
        let index = Index(repository)
        from image in repository.Images
        where image.Decision == Decision.Keep
        select (index, image);

    /// <param name="unverified">As an incomplete read of the same inventory would say it: what is deleted marked <c>unverified</c>.</param>
    private static IEnumerable<string> ReasonLines(RetentionPlan plan, bool unverified = false) =>
        plan.Repositories.SelectMany(r => r.Images.Select(image =>
            $"{r.Repository.Key} {image.Image.Digest} {string.Join(",", ReasonCodes.Codes(image.Reasons | (unverified && image.IsCandidate ? Reasons.Unverified : Reasons.None)))}"));

    /// <summary>Everything a plan says, with the sites using an image as a set.</summary>
    private static IEnumerable<string> Describe(RetentionPlan plan) =>
        plan.Repositories.SelectMany(repository => repository.Images
            .Select(image => $"{repository.Repository.Key} {image.Image.Digest} {image.Verdict()} [{string.Join("; ", image.UsedBy.Select(site => site.ToString()).Order(StringComparer.Ordinal))}]")
            .Prepend($"{repository.Repository.Key} {repository.Policy} {repository.Bytes}"));
}
