using System.Globalization;
using EcrCurator.AwsSimulator.Tests.Support;

namespace EcrCurator.AwsSimulator.Tests.Sdk;

/// <summary>
/// The official AWS SDK for JavaScript v3 (@aws-sdk/client-ecr, client-ecs, client-sts, client-lambda from npm) cannot tell the
/// simulator from AWS: each scenario in Sdk/js drives a fresh simulator serving the test world through the SDK's
/// own clients and paginators, and prints <c>ok NAME</c> per check.
/// </summary>
public sealed class OfficialSdkTests(NodeModules modules) : IClassFixture<NodeModules>
{
    [Theory]
    [InlineData("ecr.mjs")]
    [InlineData("ecs.mjs")]
    [InlineData("sts.mjs")]
    [InlineData("lambda.mjs")]
    [InlineData("faults.mjs")]
    public async Task TheOfficialJavaScriptSdkWorksAgainstTheSimulator(string scenario)
    {
        Assert.NotNull(modules);
        await using var simulator = await RunningSimulator.StartAsync(TestWorlds.Standard());

        var (exitCode, output) = await ProcessRunner.RunAsync(
            "node", ["--no-warnings", scenario, simulator.Endpoint.ToString().TrimEnd('/')], NodeModules.Folder, TimeSpan.FromMinutes(2));

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var checks = lines.SingleOrDefault(line => line.StartsWith("checks: ", StringComparison.Ordinal));
        Assert.True(exitCode == 0 && checks is not null, output);
        Assert.Equal(int.Parse(checks["checks: ".Length..], CultureInfo.InvariantCulture), lines.Count(line => line.StartsWith("ok ", StringComparison.Ordinal)));
    }
}
