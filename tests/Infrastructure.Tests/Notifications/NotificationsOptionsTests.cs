using EcrCurator.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Tests.Notifications;

/// <summary><c>Curator:Notifications</c> and <c>Curator:PublicUrl</c>, registered, known and validated at start, naming the key.</summary>
public sealed class NotificationsOptionsTests
{
    private static IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)));
        builder.AddInfrastructure();
        return builder.Build();
    }

    private static IReadOnlyList<string> StartupFailures(params (string Key, string Value)[] settings)
    {
        using var host = Host(settings);
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException invalid)
        {
            return [.. invalid.Failures];
        }
        catch (AggregateException all)
        {
            return [.. all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(invalid => invalid.Failures)];
        }
    }

    [Fact]
    public void TheSmtpServerAndPublicUrlAreKnownSettingsBoundToTheirOptions()
    {
        using var host = Host(
            ("Curator:PublicUrl", "https://curator.example.com"), ("Curator:Notifications:Smtp:Host", "smtp.example.com"), ("Curator:Notifications:Smtp:Port", "465"),
            ("Curator:Notifications:Smtp:Security", "SslOnConnect"), ("Curator:Notifications:Smtp:User", "curator"), ("Curator:Notifications:Smtp:Password", "p"),
            ("Curator:Notifications:Smtp:From", "curator@example.com"));

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var smtp = host.Services.GetRequiredService<IOptions<NotificationsOptions>>().Value.Smtp;
        Assert.Equal(("smtp.example.com", 465, SmtpSecurity.SslOnConnect, "curator@example.com"), (smtp.Host, smtp.Port, smtp.Security, smtp.From));
        Assert.Equal("https://curator.example.com/approvals/3", host.Services.GetRequiredService<IOptions<PublicUrlOptions>>().Value.Link("/approvals/3"));
    }

    [Fact]
    public void AWrongSettingFailsTheStartNamingItsKey()
    {
        Assert.Contains(StartupFailures(("Curator:Notifications:Smtp:Host", "smtp.example.com")), failure => failure.StartsWith("Curator:Notifications:Smtp:From must be", StringComparison.Ordinal));
        Assert.Contains(StartupFailures(("Curator:PublicUrl", "curator.example.com")), failure => failure.StartsWith("Curator:PublicUrl must be", StringComparison.Ordinal));
        Assert.Contains(StartupFailures(("Curator:Notifications:Smtp:Port", "0")), failure => failure.StartsWith("Curator:Notifications:Smtp:Port must be", StringComparison.Ordinal));
        Assert.Contains(StartupFailures(("Curator:Notifications:Smtp:Hostname", "smtp.example.com")), failure => failure.StartsWith("Curator:Notifications:Smtp:Hostname is not a setting", StringComparison.Ordinal));
    }
}
