using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;

namespace EcrCurator.Web.Tests.Features.Notifications;

/// <summary><c>channel add|list|remove</c> on a database of its own: scripted setup, audited like the Settings page.</summary>
public class ChannelCommandTests
{
    private static Task<PlanRun> RunAsync(string database, params string[] args) =>
        Task.Run(() => PlanRun.Of([.. args, $"--ConnectionStrings:Curator={database}"]), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ChannelsAreAddedListedWithoutTheirSecretsAndRemovedUnderTheNameGivenAndAudited()
    {
        var database = await WebTestDatabase.FreshAsync("curator_web_channels");

        var slack = await RunAsync(database, "channel", "add", "--name", "shop-slack", "--kind", "slack", "--url", "https://hooks.slack.example/services/T0/B0/SECRETtoken",
            "--teams", "shop,care", "--events", "proposals,autorun-notice", "--language", "ja", "--as", "alice");
        var hook = await RunAsync(database, "channel", "add", "--name", "ops-hook", "--kind", "webhook", "--url", "https://ops.example/hook", "--as", "alice");
        var mail = await RunAsync(database, "channel", "add", "--name", "ops-mail", "--kind", "email", "--to", "ops@example.test,sre@example.test", "--events", "all", "--as", "bob");
        var list = await RunAsync(database, "channel", "list");
        var removed = await RunAsync(database, "channel", "remove", "ops-mail", "--as", "bob");
        var after = await RunAsync(database, "channel", "list");

        Assert.True(slack.ExitCode == 0, slack.Errors);
        Assert.Contains("Channel shop-slack added (slack, teams shop,care, events proposals,autorun-notice, ja)", slack.Output);
        Assert.True(hook.ExitCode == 0, hook.Errors);
        Assert.Matches("signing secret .*: [0-9a-f]{64}", hook.Output);
        Assert.True(mail.ExitCode == 0, mail.Errors);
        Assert.Contains("ops-mail\temail\ten\tteams all\tevents all\tops@example.test,sre@example.test\tnever sent", list.Output);
        Assert.Contains("shop-slack\tslack\tja\tteams shop,care\tevents proposals,autorun-notice\turl (set)", list.Output);
        Assert.DoesNotContain("SECRETtoken", list.Output);
        Assert.DoesNotContain("ops.example", list.Output);
        Assert.True(removed.ExitCode == 0, removed.Errors);
        Assert.DoesNotContain("ops-mail", after.Output);
        Assert.Equal(3, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'channel.added'"));
        Assert.Equal(1, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE action = 'channel.removed' AND actor = 'bob' AND target = 'channel/ops-mail'"));
        Assert.Equal(0, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM audit_entries WHERE details::text LIKE '%SECRETtoken%' OR details::text LIKE '%ops.example%'"));
        Assert.Equal(0, await WebTestDatabase.CountAsync(database, "SELECT count(*) FROM notification_channels WHERE protected_url LIKE '%SECRETtoken%'"));
    }

    [Theory]
    [InlineData("--events|proposals,deploys", "--events: 'deploys' is not an event")]
    [InlineData("--kind|pager", "--kind 'pager' is not a kind of channel")]
    [InlineData("--language|fr", "--language 'fr' is not offered")]
    [InlineData("--to|ops@example.test", "--to is for email channels")]
    public async Task BadOptionsAreRefusedNamingTheOption(string extra, string message)
    {
        var database = await WebTestDatabase.FreshAsync("curator_web_channels_bad");
        var options = new List<string> { "channel", "add", "--name", "x", "--kind", "webhook", "--url", "https://ops.example/hook", "--as", "alice" };
        var (option, value) = (extra.Split('|')[0], extra.Split('|')[1]);
        var at = options.IndexOf(option);
        if (at >= 0)
        {
            options[at + 1] = value;
        }
        else
        {
            options.AddRange([option, value]);
        }

        var run = await RunAsync(database, [.. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Errors);
    }

    [Fact]
    public async Task AddingAndRemovingNeedAPersonsName()
    {
        var database = await WebTestDatabase.FreshAsync("curator_web_channels_bad");

        var nobody = await RunAsync(database, "channel", "add", "--name", "x", "--kind", "webhook", "--url", "https://ops.example/hook");
        var system = await RunAsync(database, "channel", "remove", "x", "--as", "system");

        Assert.Equal((2, 2), (nobody.ExitCode, system.ExitCode));
        Assert.Contains("--as NAME", nobody.Errors);
        Assert.Contains("system", system.Errors);
    }
}
