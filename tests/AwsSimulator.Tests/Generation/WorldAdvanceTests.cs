using EcrCurator.AwsSimulator.Generation;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Tests.Generation;

/// <summary>Advancing a world by simulated days: new pushes move <c>latest</c>, services get new deployments, the same way every time.</summary>
public sealed class WorldAdvanceTests
{
    private static readonly GeneratorSettings Settings = new() { Seed = 3, Repositories = 50, ImagesPerRepository = 10, Services = 50, DailyChangeRate = 0.1, CrossAccountShare = 0.2 };

    private static (SimulatorState State, AdvanceSummary Summary) Advanced(int days)
    {
        var state = new SimulatorState(WorldGenerator.Generate(Settings), TimeProvider.System);
        var summary = state.Write(s => WorldAdvance.Advance(s, Settings, days));
        return (state, summary);
    }

    private static string Json(SimulatorState state)
    {
        using var stream = new MemoryStream();
        WorldFile.Write(state.ToWorld(), stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void AdvancesTheSameWayEveryTime() => Assert.Equal(Json(Advanced(5).State), Json(Advanced(5).State));

    [Fact]
    public void AdvancingDayByDayIsAdvancingAllAtOnce()
    {
        var (state, _) = Advanced(0);
        state.Write(s => WorldAdvance.Advance(s, Settings, 2));
        state.Write(s => WorldAdvance.Advance(s, Settings, 1));

        Assert.Equal(Json(Advanced(3).State), Json(state));
    }

    [Fact]
    public void PushesTheDailyShareOfRepositoriesAndRedeploysTheirServices()
    {
        var (state, summary) = Advanced(4);

        Assert.Equal((4, 20), (summary.Day, summary.Pushes));
        Assert.InRange(summary.Deployments, 10, 20);
        var world = state.ToWorld();
        var pushed = world.Accounts[0].Repositories.Where(repository => repository.Images.Any(image => image.Tags.Contains("day-4"))).ToList();
        Assert.Equal(5, pushed.Count);
        Assert.All(pushed, repository => Assert.Contains("latest", repository.Images.Single(image => image.Tags.Contains("day-4")).Tags));
    }

    [Fact]
    public void PublishesANewLambdaVersionOfTheNewDigestForAPushedRepository()
    {
        var state = new SimulatorState(WorldGenerator.Generate(Settings with { LambdaShare = 1 }), TimeProvider.System);
        var before = state.ToWorld().Accounts.SelectMany(account => account.LambdaFunctions).ToDictionary(function => function.Name);

        var summary = state.Write(s => WorldAdvance.Advance(s, Settings, 1));

        var world = state.ToWorld();
        var repository = world.Accounts[0].Repositories.First(r => r.Images.Any(image => image.Tags.Contains("day-1")));
        var digest = repository.Images.Single(image => image.Tags.Contains("day-1")).Digest;
        var function = world.Accounts.SelectMany(account => account.LambdaFunctions).Single(f => f.Name == repository.Name.Replace('/', '-'));
        var published = function.Versions[^1];
        Assert.True(summary.LambdaVersions >= 1);
        Assert.Equal(before[function.Name].Versions.Count + 1, function.Versions.Count);
        Assert.EndsWith($"@{digest}", published.ResolvedImageUri, StringComparison.Ordinal);
        Assert.EndsWith($"@{digest}", function.Versions[0].ResolvedImageUri, StringComparison.Ordinal);
        Assert.Equal(published.Version, function.Aliases.Single(alias => alias.Name == "live").FunctionVersion);
    }

    [Fact]
    public void DeploysTheNewDigestToTheServicesOfAPushedRepository()
    {
        var (state, _) = Advanced(1);
        var world = state.ToWorld();
        var repository = world.Accounts[0].Repositories.First(r => r.Images.Any(image => image.Tags.Contains("day-1")));
        var digest = repository.Images.Single(image => image.Tags.Contains("day-1")).Digest;
        var family = repository.Name.Replace('/', '-');

        var account = world.Accounts.Single(a => a.TaskDefinitions.Any(definition => definition.Family == family));
        var cluster = account.Clusters.Single(c => c.Services.Any(service => service.Name == family));
        var deployment = cluster.Services.Single(service => service.Name == family).Deployments.Single();
        var newest = account.TaskDefinitions.Where(definition => definition.Family == family).MaxBy(definition => definition.Revision)!;

        Assert.Equal(newest.Name, deployment.TaskDefinition);
        Assert.EndsWith($"{repository.Name}:day-1", newest.Containers.Single().Image, StringComparison.Ordinal);
        Assert.Equal([digest], deployment.ImageDigests);
        Assert.All(cluster.Tasks.Where(task => task.Group == $"service:{family}"), task => Assert.Equal(digest, task.Containers.Single().ImageDigest));
    }

    [Fact]
    public void KeepsTheWorldValid()
    {
        var (state, _) = Advanced(10);
        using var stream = new MemoryStream();
        WorldFile.Write(state.ToWorld(), stream);

        Assert.NotNull(WorldFile.Parse(stream.ToArray(), "advanced"));
    }
}
