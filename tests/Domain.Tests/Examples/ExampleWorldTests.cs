using EcrCurator.Worlds;

namespace EcrCurator.Domain.Tests.Examples;

public class ExampleWorldTests
{
    public static TheoryData<string> DefaultPolicyWorlds =>
        ["seed-table", "moved-latest", "deployment-digest", "dormant-repo", "multi-arch", "attachments", "lambda", "lifecycle-danger"];

    [Theory]
    [MemberData(nameof(DefaultPolicyWorlds))]
    public void DecidesTheExampleWorldUnderTheDefaultPolicyExactlyAsExpected(string name)
    {
        var example = new ExampleWorld(name);
        var plan = RetentionEngine.Evaluate(WorldInventory.From(example.World, TeamRules.Default), PolicySet.BasePolicy, [], ExampleWorld.Now);

        AssertMatches(example.Expected, plan);
    }

    [Fact]
    public void DecidesThePolicyExampleWorldUnderItsTeamAndTagPatternPolicies()
    {
        // The policy of policy-example.env, built by hand here; the configuration binding has its own tests.
        var example = new ExampleWorld("policy-example");
        var teams = new TeamRules("team", [new TeamPrefix("ops/", "ops")]);
        var policies = new PolicySet(
            new PolicyOverride { KeepTagPatterns = [new TagPattern("prod-*")] },
            [new TeamPolicy("web", new PolicyOverride { KeepNewest = 3 }), new TeamPolicy("ops", new PolicyOverride { WindowDays = 365 })],
            []);

        var plan = RetentionEngine.Evaluate(WorldInventory.From(example.World, teams), policies, [], ExampleWorld.Now);

        AssertMatches(example.Expected, plan);
    }

    internal static void AssertMatches(IReadOnlyDictionary<string, ExpectedRepository> expected, RetentionPlan plan)
    {
        Assert.Equal(expected.Keys.Order(), plan.Repositories.Select(repository => repository.Repository.Key.ToString()).Order());
        foreach (var repository in plan.Repositories)
        {
            var want = expected[repository.Repository.Key.ToString()];
            Assert.Equal(want.Delete.Order(), repository.Candidates.Select(image => image.Image.Digest).Order());
            Assert.Equal(
                want.Reasons.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {string.Join(",", pair.Value)}"),
                repository.Images.OrderBy(image => image.Image.Digest).Select(image => $"{image.Image.Digest} {string.Join(",", image.ReasonCodes)}"));
        }
    }
}
