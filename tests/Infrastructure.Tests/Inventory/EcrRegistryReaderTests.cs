using EcrCurator.AwsSimulator;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Inventory;
using EcrCurator.Infrastructure.Tests.Support;
using EcrCurator.Worlds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Tests.Inventory;

/// <summary>Reading one repository by name, as an execution re-reads it, against the simulator.</summary>
public class EcrRegistryReaderTests
{
    [Theory]
    [InlineData("eusc-de-east-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("us-isob-east-1")]
    [InlineData("cn-northwest-1")]
    public async Task ReadsARepositoryByNameWithAnArnOfItsRegionsPartition(string region)
    {
        TestCredentials.Use();
        var world = new World
        {
            Accounts =
            [
                new WorldAccount
                {
                    AccountId = "111111111111",
                    Region = region,
                    Repositories =
                    [
                        new WorldRepository
                        {
                            Name = "care/api",
                            Tags = new Dictionary<string, string> { ["team"] = "care" },
                            Images = [new WorldImage { Digest = "sha256:" + new string('a', 64), Tags = ["v1"], PushedAt = DateTimeOffset.UnixEpoch.AddYears(56), SizeBytes = 10 }],
                        },
                    ],
                },
            ],
        };
        var (simulator, endpoint) = await SimulatorApp.StartOnLoopbackAsync(world, cancellation: TestContext.Current.CancellationToken);
        await using var _ = simulator;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = endpoint.ToString() }).Build();
        var options = Options.Create(new AwsOptions());
        using var counter = new AwsCallCounter();
        using var connections = new AwsConnections(new AwsCredentialStore(), new AwsEndpoints(configuration), options, counter);

        var repository = await new EcrRegistryReader(connections, options).ReadRepositoryAsync(
            new AccountRegion("111111111111", region), "care/api", TeamRules.Default, KnownManifests.None, TestContext.Current.CancellationToken);

        Assert.Equal("care", repository.Team);
        Assert.Equal(new RepositoryKey("111111111111", region, "care/api"), repository.Key);
    }
}
