using EcrCurator.Web.Tests.Features.Plan;
using EcrCurator.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Tests.Hosting;

/// <summary>Every key under <c>Curator</c> is a setting some section declares: a misspelt one stops the start, naming it.</summary>
[Collection(AwsEnvironmentCollection.Name)]
public class SettingsTests
{
    [Fact]
    public async Task AMisspeltProxyNetworkStopsTheServerBeforeItTrustsForwardedHeadersFromAnywhere()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAsync("--Curator:Proxy:ForwardedHeaders=true", "--Curator:Proxy:KnownNetwork:0=10.0.0.0/16"));

        Assert.Equal(
            "Curator:Proxy:KnownNetwork is not a setting; the settings here are ForwardedHeaders, KnownNetworks, PathBase.",
            Assert.Single(refused.Failures));
    }

    [Theory]
    [InlineData("--Curator:Metircs:Port=9100", "Curator:Metircs")]
    [InlineData("--Curator:Storage:Curency=EUR", "Curator:Storage:Curency")]
    [InlineData("--Curator:Database:MigrateOnStrat=false", "Curator:Database:MigrateOnStrat")]
    [InlineData("--Curator:Jobs:Workers=2", "Curator:Jobs:Workers")]
    [InlineData("--Curator:Aws:MaxAttempt=5", "Curator:Aws:MaxAttempt")]
    [InlineData("--Curator:Registries:0:Acount=111111111111", "Curator:Registries:0:Acount")]
    [InlineData("--Curator:Policy:KeepNewst=3", "Curator:Policy:KeepNewst")]
    [InlineData("--Curator:Teams:Prefixes:0:Name=care", "Curator:Teams:Prefixes:0:Name")]
    [InlineData("--Curator:SignIn:RevalidateMinute=1", "Curator:SignIn:RevalidateMinute")]
    [InlineData("--Curator:SignIn:OpenIdConnect:Roles:Admins:0=platform-admins", "Curator:SignIn:OpenIdConnect:Roles:Admins")]
    [InlineData("--Curator:Metrics:Tokens=0123456789abcdef", "Curator:Metrics:Tokens")]
    [InlineData("--Curator:DataProtection:Certificate=/keys.pfx", "Curator:DataProtection:Certificate")]
    [InlineData("--Curator:Proxy:PathBase:Value=/curator", "Curator:Proxy:PathBase:Value")]
    [InlineData("--Curator:Proxy:KnownNetworks:first=10.0.0.0/16", "Curator:Proxy:KnownNetworks:first")]
    public async Task AKeyNoSectionDeclaresStopsTheServerNamingIt(string setting, string key)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => BuildAsync(setting));

        Assert.StartsWith($"{key} is not a setting", Assert.Single(refused.Failures));
    }

    [Fact]
    public void ACommandRefusesAMisspeltKeyButAcceptsTheServersSettingsItDoesNotUse()
    {
        var misspelt = PlanRun.Of("plan", "--world", PlanRun.World("seed-table"), "--now", PlanRun.Now, "--Curator:Proxi:PathBase=/curator");
        var serverSettings = PlanRun.Of(
            "plan", "--world", PlanRun.World("seed-table"), "--now", PlanRun.Now, "--Curator:SignIn:Mode=OpenIdConnect", "--Curator:Proxy:PathBase=/curator",
            "--Curator:Metrics:Port=9100", "--Curator:DataProtection:CertificatePath=/keys.pfx", "--Curator:Jobs:RunServer=false");

        Assert.Equal(2, misspelt.ExitCode);
        Assert.Contains("Curator:Proxi is not a setting", misspelt.Errors);
        Assert.True(serverSettings.ExitCode == 0, serverSettings.Errors);
    }

    private static async Task BuildAsync(params string[] settings)
    {
        await using var app = await Web.Server.BuildAsync(
            ["--environment", "Development", "--ConnectionStrings:Curator=Host=127.0.0.1;Port=9", "--Curator:Database:MigrateOnStart=false", "--Curator:Jobs:RunServer=false", .. settings]);
    }
}
