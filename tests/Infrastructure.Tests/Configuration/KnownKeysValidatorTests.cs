using EcrCurator.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Tests.Configuration;

public class KnownKeysValidatorTests
{
    public sealed class Listening
    {
        public int? Port { get; set; }

        public List<string> Networks { get; set; } = [];

        public Dictionary<string, Limit> Limits { get; set; } = [];

        public Limit Default { get; set; } = new();

        public TimeSpan Timeout { get; set; }

        [ConfigurationKeyName("tls-version")]
        public string? TlsVersion { get; set; }

        public string Computed => "not a setting";
    }

    public sealed class Limit
    {
        public int Requests { get; set; }
    }

    public sealed class Top
    {
        public string? Name { get; set; }

        public List<Limit> Accounts { get; set; } = [];
    }

    public sealed class More
    {
        public bool Enabled { get; set; }
    }

    [Fact]
    public void EveryKeyASectionDeclaresIsAcceptedWhateverItsCase()
    {
        var problems = Check(new()
        {
            ["Curator:Name"] = "x", ["Curator:enabled"] = "true", ["Curator:Accounts:0:Requests"] = "1", ["Curator:Accounts:1:requests"] = "2",
            ["Curator:Listening:Port"] = "9100", ["Curator:LISTENING:Networks:0"] = "10.0.0.0/8", ["Curator:Listening:Limits:api:Requests"] = "5",
            ["Curator:Listening:Default:Requests"] = "5", ["Curator:Listening:Timeout"] = "00:00:30", ["Curator:Listening:tls-version"] = "1.3",
            ["Logging:Anything"] = "not ours",
        });

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Curator:Nmae", "Curator:Nmae is not a setting; the settings here are Accounts, Enabled, Listening, Name, Nested.")]
    [InlineData("Curator:Listening:Ports", "Curator:Listening:Ports is not a setting; the settings here are Default, Limits, Networks, Port, Timeout, tls-version.")]
    [InlineData("Curator:Listening:Computed", "Curator:Listening:Computed is not a setting; the settings here are Default, Limits, Networks, Port, Timeout, tls-version.")]
    [InlineData("Curator:Listening:TlsVersion", "Curator:Listening:TlsVersion is not a setting; the settings here are Default, Limits, Networks, Port, Timeout, tls-version.")]
    [InlineData("Curator:Listening:Default:Request", "Curator:Listening:Default:Request is not a setting; the settings here are Requests.")]
    [InlineData("Curator:Listening:Limits:api:Request", "Curator:Listening:Limits:api:Request is not a setting; the settings here are Requests.")]
    [InlineData("Curator:Listening:Networks:first", "Curator:Listening:Networks:first is not a setting; Curator:Listening:Networks is a list, numbered from 0.")]
    [InlineData("Curator:Listening:Port:Value", "Curator:Listening:Port:Value is not a setting; Curator:Listening:Port takes a single value.")]
    [InlineData("Curator:Accounts:0:Request", "Curator:Accounts:0:Request is not a setting; the settings here are Requests.")]
    [InlineData("Curator:Nested:Deep:Enabled", "Curator:Nested:Deep is not a setting; the settings here are Inner.")]
    public void AKeyNoSectionDeclaresIsRefusedNamingItAndTheKeysThere(string key, string problem) =>
        Assert.Equal([problem], Check(new() { [key] = "1" }));

    [Fact]
    public void ASectionRegisteredBelowAnotherIsChecked() =>
        Assert.Empty(Check(new() { ["Curator:Nested:Inner:Enabled"] = "true" }));

    [Fact]
    public void EveryUnknownKeyIsReported() =>
        Assert.Equal(2, Check(new() { ["Curator:A"] = "1", ["Curator:Listening:B"] = "2", ["Curator:Listening:Port"] = "1" }).Count);

    [Fact]
    public void AnyRegisteredSectionMakesTheCheckRunAtStart()
    {
        using var services = Services(new() { ["Curator:Listening:Prot"] = "1" }).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Curator:Listening:Prot is not a setting", Assert.Single(refused.Failures));
    }

    [Fact]
    public void ASectionOutsideCuratorCannotRegister() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSettings<More>("Logging"));

    private static List<string> Check(Dictionary<string, string?> settings)
    {
        using var services = Services(settings).BuildServiceProvider();
        var result = services.GetRequiredService<IEnumerable<IValidateOptions<KnownKeys>>>().Single().Validate(null, new KnownKeys());
        return result.Failed ? [.. result.Failures!] : [];
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSettings<Top>("Curator");
        services.AddSettings<More>("Curator");
        services.AddSettings<Listening>("Curator:Listening");
        services.AddSettings<More>("Curator:Nested:Inner");
        return services;
    }
}
