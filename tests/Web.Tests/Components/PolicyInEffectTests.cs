using System.Globalization;
using Bunit;
using EcrCurator.Domain;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Components;

public class PolicyInEffectTests : ComponentTest
{
    private static readonly IReadOnlyList<PolicySetting> Settings = PolicyOrigins.Of(
        new PolicySet(
            new PolicyOverride { WindowDays = 45 },
            [new TeamPolicy("care", new PolicyOverride { DeleteUntagged = false, KeepNewest = 3 })],
            [new RepositoryPolicy("care/api", new PolicyOverride { KeepNewest = 5, KeepTagPatterns = [new TagPattern("release-*"), new TagPattern("v*")] })]),
        new RepositoryKey("111111111111", "ap-northeast-1", "care/api"),
        "care");

    [Fact]
    public void EachSettingShowsItsValueAndWhereItComesFrom()
    {
        var cut = Render<PolicyInEffect>(parameters => parameters.Add(policy => policy.Settings, Settings));

        var rows = Rows(cut);
        Assert.Equal(11, rows.Count);
        Assert.Equal(("45 days", "Default", "Default"), rows["WindowDays"]);
        Assert.Equal(("no", "Team: care", "Team"), rows["DeleteUntagged"]);
        Assert.Equal(("5", "Repository", "Repository"), rows["KeepNewest"]);
        Assert.Equal(("off", "Default", "Default"), rows["KeepPulledWithinDays"]);
        Assert.Equal(("release-*, v*", "Repository", "Repository"), rows["KeepTagPatterns"]);
        Assert.Equal(("no", "Default", "Default"), rows["Excluded"]);
        Assert.Equal(("Approve", "Default", "Default"), rows["Mode"]);
        Assert.Equal(("Delete", "Default", "Default"), rows["Action"]);
        Assert.Equal(("90 days", "Default", "Default"), rows["QuarantineDays"]);
        Assert.Equal(("none", "Default", "Default"), rows["NoticeHours"]);
        Assert.Contains("Window (days before the newest push)", cut.Markup);
    }

    [Fact]
    public void TheOriginsAreShownInJapanese()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
        try
        {
            var rows = Rows(Render<PolicyInEffect>(parameters => parameters.Add(policy => policy.Settings, Settings)));

            Assert.Equal(("45 日", "デフォルト", "Default"), rows["WindowDays"]);
            Assert.Equal(("いいえ", "チーム: care", "Team"), rows["DeleteUntagged"]);
            Assert.Equal("リポジトリ", rows["KeepNewest"].Origin);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static Dictionary<string, (string Value, string Origin, string Level)> Rows(IRenderedComponent<PolicyInEffect> cut) =>
        cut.FindAll("[data-testid=policy-setting]").ToDictionary(
            row => row.GetAttribute("data-field")!,
            row => (
                row.QuerySelector("[data-testid=policy-value]")!.TextContent.Trim(),
                row.QuerySelector("[data-testid=policy-origin]")!.TextContent.Trim(),
                row.QuerySelector("[data-testid=policy-origin]")!.GetAttribute("data-origin")!));
}
