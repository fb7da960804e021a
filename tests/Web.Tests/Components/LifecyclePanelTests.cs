using System.Globalization;
using Bunit;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

/// <summary>The Repository page's lifecycle section: the policy, each rule in words, and the findings.</summary>
public class LifecyclePanelTests : ComponentTest
{
    private const string Policy =
        """{"rules":[{"rulePriority":1,"description":"Expire untagged images after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},"""
        + """{"rulePriority":2,"selection":{"tagStatus":"tagged","tagPrefixList":["release","v"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}},"""
        + """{"rulePriority":3,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},"action":{"type":"transition","targetStorageClass":"archive"}},"""
        + """{"rulePriority":4,"selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}""";

    private static readonly string InUse = "sha256:" + new string('a', 64);

    private static LifecycleView View => new(Policy, null, null, LifecyclePolicy.Parse(Policy).Rules)
    {
        Findings = [new LifecycleFindingLine(2, InUse, "expire", ["in-use", "pinned"], ["v1"], [UsageLocation.Parse("111111111111/ap-northeast-1/prod/service/api (api:7)")])],
        Dangers = 1,
        Information = 12,
    };

    [Fact]
    public void SaysEachRuleInWords()
    {
        var cut = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, View));

        Assert.Equal(
        [
            "Rule 1 — Untagged images, pushed more than 14 days ago: expire (delete) (“Expire untagged images after 14 days”)",
            "Rule 2 — Images with tags starting with “release” and “v”, all but the newest 5: expire (delete)",
            "Rule 3 — Any image, not pulled for more than 90 days (counted from the push, or from a restore not pulled since): archive",
            "Rule 4 — Any image in the archive, archived more than 365 days ago: expire (delete)",
        ], cut.FindAll("[data-testid=lifecycle-rule]").Select(rule => Normalized(rule.TextContent)));
    }

    [Fact]
    public void ShowsADangerWithItsKeepReasonsAndWhereItRunsAndCountsTheImagesProposedToo()
    {
        var cut = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, View));

        Assert.Equal("1", cut.Find("[data-testid=lifecycle]").GetAttribute("data-dangers"));
        Assert.Contains("would expire or archive 1 image that ECR Curator keeps for safety", cut.Find("[data-testid=lifecycle-summary]").TextContent);
        var danger = cut.Find($"[data-testid=lifecycle-finding][data-digest='{InUse}']");
        Assert.Equal("lifecycle-danger", danger.GetAttribute("data-kind"));
        Assert.Equal(["in-use", "pinned"], danger.QuerySelectorAll("[data-testid=reason-chip]").Select(chip => chip.GetAttribute("data-reason")));
        Assert.Contains("service api", danger.TextContent);
        Assert.Contains("12 images it would remove are proposed for deletion by ECR Curator too", cut.Find("[data-testid=lifecycle-information]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=lifecycle-more-dangers]"));
    }

    [Fact]
    public void CountsTheDangersItDoesNotList()
    {
        var cut = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, View with { Dangers = 130, Information = 0 }));

        Assert.Contains("and 129 more", cut.Find("[data-testid=lifecycle-more-dangers]").TextContent);
        Assert.Contains("would expire or archive 130 images", cut.Find("[data-testid=lifecycle-summary]").TextContent);
    }

    [Fact]
    public void SaysWhyAPolicyWasNotEvaluated()
    {
        var notUnderstood = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, new LifecycleView("{}", null, "the policy has no list of rules", [])));
        var unreadable = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, new LifecycleView(null, "Access denied: … ecr:GetLifecyclePolicy …", null, [])));
        var none = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, new LifecycleView(null, null, null, [])));

        Assert.Contains("does not understand this lifecycle policy, so it has not evaluated it (it never guesses): the policy has no list of rules", notUnderstood.Find("[data-testid=lifecycle-not-understood]").TextContent);
        Assert.Empty(notUnderstood.FindAll("[data-testid=lifecycle-rule]"));
        Assert.Contains("ecr:GetLifecyclePolicy", unreadable.Find("[data-testid=lifecycle-unreadable]").TextContent);
        Assert.Contains("has no ECR lifecycle policy", none.Find("[data-testid=lifecycle-none]").TextContent);
    }

    [Fact]
    public void SaysTheRulesInJapanese()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
        try
        {
            var cut = Render<LifecyclePanel>(parameters => parameters.Add(panel => panel.View, View));

            Assert.Equal("ルール 2 — タグが “release”と“v” で始まるイメージ、新しい 5 個以外すべて: 期限切れ（削除）", Normalized(cut.FindAll("[data-testid=lifecycle-rule]")[1].TextContent));
            Assert.Contains("12 個は、ECR Curator も削除を提案しています", cut.Find("[data-testid=lifecycle-information]").TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
