using EcrCurator.AwsSimulator.Tests.Support;
using EcrCurator.Worlds;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Control;

/// <summary>The control API changes the world while it runs, and AWS answers from the changed world at once.</summary>
public sealed class WorldChangeTests : IAsyncLifetime
{
    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync() => simulator = await RunningSimulator.StartAsync(Standard());

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    private async Task<IReadOnlyList<string>> TagsOf(string digest)
    {
        var answer = (await simulator.Aws().Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new[] { new { imageDigest = digest } } })).Ok();
        return [.. answer.List("imageDetails").Single()["imageTags"]?.AsArray().Select(tag => tag!.GetValue<string>()) ?? []];
    }

    [Fact]
    public async Task PushesAnImageThatTakesItsTagsFromOtherImages()
    {
        var image = new WorldImage { Digest = Digest("pushed"), Tags = ["v3", "latest"], PushedAt = Pushed.AddDays(9), SizeBytes = 10 };

        var (status, _) = await simulator.PostAsync("images", new { repository = "care/api", image });

        Assert.Equal(200, status);
        Assert.Equal(["v3", "latest"], await TagsOf(Digest("pushed")));
        Assert.Equal(["v2"], await TagsOf(Digest("care-v2")));
    }

    [Fact]
    public async Task PushesIntoANewRepository()
    {
        var image = new WorldImage { Digest = Digest("fresh"), Tags = ["v1"], PushedAt = Pushed, SizeBytes = 10 };

        await simulator.PostAsync("images", new { accountId = AccountB, region = Tokyo, repository = "b/new", image });

        var repositories = (await simulator.Aws(AccountB).Ecr("DescribeRepositories", new { })).Ok();
        Assert.Equal(["b/new", "b/own"], repositories.List("repositories").Select(r => r["repositoryName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task MovesAndRemovesTags()
    {
        await simulator.PostAsync("tags", new { repository = "care/api", tag = "latest", digest = Digest("care-v1") });
        Assert.Equal(["v1", "latest"], await TagsOf(Digest("care-v1")));

        await simulator.PostAsync("tags/remove", new { repository = "care/api", tag = "v1" });
        Assert.Equal(["latest"], await TagsOf(Digest("care-v1")));
        Assert.Equal(["v2"], await TagsOf(Digest("care-v2")));
    }

    [Fact]
    public async Task StartsAndStopsTasks()
    {
        var task = new WorldTask
        {
            Id = "c0ffee00000000000000000000000001",
            TaskDefinition = "worker:1",
            Group = "family:worker",
            Containers = [new WorldContainer("app", Image("paging/many", "t0")) { ImageDigest = Digest("many-2") }],
        };

        await simulator.PostAsync("tasks", new { cluster = "prod", task });
        var started = (await simulator.Aws().Ecs("ListTasks", new { cluster = "prod", family = "worker" })).Ok().Strings("taskArns");
        await simulator.PostAsync("tasks/stop", new { cluster = "prod", taskId = task.Id });
        var stopped = (await simulator.Aws().Ecs("ListTasks", new { cluster = "prod", family = "worker", desiredStatus = "STOPPED" })).Ok().Strings("taskArns");

        Assert.Equal(2, started.Count);
        Assert.Equal(["arn:aws:ecs:ap-northeast-1:111111111111:task/prod/c0ffee00000000000000000000000001"], stopped);
    }

    [Fact]
    public async Task ChangesAServicesDeploymentsWithANewTaskDefinition()
    {
        var definition = new WorldTaskDefinition { Family = "care-api", Revision = 0, Containers = [new("app", Image("care/api", "v1"))] };
        var (_, registered) = await simulator.PostAsync("task-definitions", new { taskDefinition = definition });
        var service = new WorldService
        {
            Name = "care-api",
            DesiredCount = 1,
            Deployments = [new WorldDeployment { Status = "PRIMARY", TaskDefinition = "care-api:5", ImageDigests = [Digest("care-v1")] }],
        };

        await simulator.SendAsync(HttpMethod.Put, "services", new { cluster = "prod", service });

        var described = (await simulator.Aws().Ecs("DescribeServices", new { cluster = "prod", services = new[] { "care-api" } })).Ok().List("services").Single();
        Assert.Equal(5, registered!["revision"]!.GetValue<int>());
        Assert.Equal("arn:aws:ecs:ap-northeast-1:111111111111:task-definition/care-api:5", described["deployments"]![0]!["taskDefinition"]!.GetValue<string>());
        Assert.Single(described["currentServiceRevisions"]!.AsArray());
    }

    [Theory]
    [InlineData("images", """{"repository":"care/api","image":{"digest":"sha256:nope","pushedAt":"2026-01-01T00:00:00Z"}}""", "is not a digest")]
    [InlineData("images", """{"repository":"care/api","image":{"digest":"sha256:nope"}}""", "pushedAt")]
    [InlineData("tasks", """{"cluster":"prod","task":{"id":"t1","taskDefinition":"nope:1"}}""", "referenced but not listed")]
    [InlineData("tags", """{"repository":"care/api","tag":"x","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"}""", "has no image")]
    [InlineData("images", """{"repository":"care/api","accountId":"12","image":{"digest":"sha256:nope","pushedAt":"2026-01-01T00:00:00Z"}}""", "not 12 digits")]
    public async Task RefusesAChangeThatBreaksTheWorldRulesWithTheReason(string path, string body, string reason)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await simulator.Control.PostAsync(path, content, TestContext.Current.CancellationToken);
        var message = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode is 400 or 404, message);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacesReadsAndResetsTheWorld()
    {
        var small = new World { Accounts = [new WorldAccount { AccountId = AccountB, Region = Tokyo, Repositories = [new WorldRepository { Name = "only/one" }] }] };

        using var put = await simulator.Control.PutAsync("world", System.Net.Http.Json.JsonContent.Create(small, options: WorldFile.Json), TestContext.Current.CancellationToken);
        var replaced = await simulator.WorldAsync();
        var answer = (await simulator.Aws("AKIDEXAMPLE").Ecr("DescribeRepositories", new { })).Ok();
        await simulator.PostAsync("reset", new { });
        var reset = await simulator.WorldAsync();

        Assert.True(put.IsSuccessStatusCode);
        Assert.Equal("only/one", replaced.Accounts.Single().Repositories.Single().Name);
        Assert.Equal("only/one", answer.List("repositories").Single()["repositoryName"]!.GetValue<string>());
        Assert.Equal(4, reset.Accounts.Count);
    }

    [Fact]
    public async Task AdvancesTheWorldBySimulatedDays()
    {
        var (status, summary) = await simulator.PostAsync("advance", new { days = 2 });

        var world = await simulator.WorldAsync();
        var pushed = world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images)
            .Where(image => image.Tags.Any(tag => tag.StartsWith("day-", StringComparison.Ordinal))).ToList();
        Assert.Equal((200, 2, 12), (status, summary!["day"]!.GetValue<int>(), summary["pushes"]!.GetValue<int>()));
        Assert.Equal(12, pushed.Count);
        Assert.All(pushed.Where(image => image.Tags.Contains("day-2")), image => Assert.Contains("latest", image.Tags));
    }

    [Fact]
    public async Task DeletionsChangeTheWorldItServes()
    {
        (await simulator.Aws().Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new[] { new { imageDigest = Digest("care-old") } } })).Ok();

        var world = await simulator.WorldAsync();

        Assert.DoesNotContain(world.Accounts[0].Repositories.Single(r => r.Name == "care/api").Images, image => image.Digest == Digest("care-old"));
    }
}
