using EcrCurator.AwsSimulator.Tests.Support;
using EcrCurator.Worlds;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>ECR's GetLifecyclePolicy and PutLifecyclePolicy over JSON 1.1, and the policy a world file gives a repository.</summary>
public sealed class LifecyclePolicyTests : IAsyncLifetime
{
    private const string Policy =
        """{"rules":[{"rulePriority":1,"description":"Expire untagged images after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}""";

    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        var world = Standard();
        var tokyo = world.Accounts[0];
        var withPolicy = tokyo with
        {
            Repositories = [.. tokyo.Repositories.Select(repository => repository.Name == "care/api" ? repository with { LifecyclePolicy = Policy } : repository)],
        };
        simulator = await RunningSimulator.StartAsync(world with { Accounts = [withPolicy, .. world.Accounts.Skip(1)] });
    }

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    private Task<AwsAnswer> Ecr(string operation, object input) => simulator.Aws().Ecr(operation, input);

    [Fact]
    public async Task AnswersThePolicyTextTheWorldGivesARepository()
    {
        var answer = (await Ecr("GetLifecyclePolicy", new { repositoryName = "care/api" })).Ok();

        Assert.Equal((AccountA, "care/api", Policy),
            (answer.Json["registryId"]!.GetValue<string>(), answer.Json["repositoryName"]!.GetValue<string>(), answer.Json["lifecyclePolicyText"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnswersLifecyclePolicyNotFoundForARepositoryWithoutOne()
    {
        var answer = (await Ecr("GetLifecyclePolicy", new { repositoryName = "paging/many" })).Fails("LifecyclePolicyNotFoundException");

        Assert.Contains("'paging/many'", answer.Message, StringComparison.Ordinal);
        (await Ecr("GetLifecyclePolicy", new { repositoryName = "nope" })).Fails("RepositoryNotFoundException");
    }

    [Fact]
    public async Task KeepsThePolicyPutAndServesItInTheWorld()
    {
        var text = Policy.Replace("14", "30", StringComparison.Ordinal);

        (await Ecr("PutLifecyclePolicy", new { repositoryName = "paging/many", lifecyclePolicyText = text })).Ok();

        Assert.Equal(text, (await Ecr("GetLifecyclePolicy", new { repositoryName = "paging/many" })).Ok().Json["lifecyclePolicyText"]!.GetValue<string>());
        var world = await simulator.WorldAsync();
        Assert.Equal(text, world.Accounts[0].Repositories.Single(repository => repository.Name == "paging/many").LifecyclePolicy);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json, but long enough: ......................................................................................")]
    public async Task RefusesAPolicyTooShortOrNotJson(string text) =>
        (await Ecr("PutLifecyclePolicy", new { repositoryName = "paging/many", lifecyclePolicyText = text })).Fails("InvalidParameterException");
}
