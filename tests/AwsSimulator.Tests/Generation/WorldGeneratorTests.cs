using EcrCurator.AwsSimulator.Generation;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Tests.Generation;

/// <summary>The generator makes the same valid world from the same settings, with the shares it is asked for.</summary>
public sealed class WorldGeneratorTests
{
    private static readonly GeneratorSettings Settings = new() { Seed = 7, Repositories = 60, ImagesPerRepository = 20, Services = 40, CrossAccountShare = 0.25 };

    private static byte[] Bytes(World world)
    {
        using var stream = new MemoryStream();
        WorldFile.Write(world, stream);
        return stream.ToArray();
    }

    [Fact]
    public void MakesTheSameWorldFromTheSameSettings() =>
        Assert.Equal(Bytes(WorldGenerator.Generate(Settings)), Bytes(WorldGenerator.Generate(Settings)));

    [Fact]
    public void MakesAnotherWorldFromAnotherSeed() =>
        Assert.NotEqual(Bytes(WorldGenerator.Generate(Settings)), Bytes(WorldGenerator.Generate(Settings with { Seed = 8 })));

    [Fact]
    public void MakesAWorldThatPassesTheWorldFileRules()
    {
        var world = WorldFile.Parse(Bytes(WorldGenerator.Generate(Settings)), "generated");

        Assert.Equal(2, world.Accounts.Count);
    }

    [Fact]
    public void MakesTheRepositoriesTeamsAndSharesAskedFor()
    {
        var world = WorldGenerator.Generate(Settings);
        var repositories = world.Accounts[0].Repositories;
        var images = repositories.SelectMany(repository => repository.Images).ToList();

        Assert.Equal(60, repositories.Count);
        Assert.Equal(4, repositories.Select(repository => repository.Tags["team"]).Distinct().Count());
        Assert.InRange(images.Count(image => image.Manifests is { Count: > 0 }), 60, 180);
        Assert.InRange(images.Count(image => image.Subject is not null || image.Tags.Any(tag => tag.EndsWith(".sig", StringComparison.Ordinal))), 60, 180);
        Assert.All(repositories, repository => Assert.Single(repository.Images, image => image.Tags.Contains("latest")));
    }

    [Fact]
    public void RunsSomeServicesInTheWorkloadAccountFromTheRegistryAccount()
    {
        var world = WorldGenerator.Generate(Settings);
        var services = world.Accounts.SelectMany(account => account.Clusters).SelectMany(cluster => cluster.Services).ToList();
        var crossAccount = world.Accounts[1].Clusters.SelectMany(cluster => cluster.Tasks).ToList();

        Assert.Equal(40, services.Count);
        Assert.InRange(world.Accounts[1].Clusters.Sum(cluster => cluster.Services.Count), 4, 20);
        Assert.All(crossAccount, task => Assert.StartsWith("111111111111.dkr.ecr.", task.Containers.Single().Image, StringComparison.Ordinal));
        Assert.All(crossAccount, task => Assert.NotNull(task.Containers.Single().ImageDigest));
    }

    [Fact]
    public void GivesAShareOfRepositoriesLambdaFunctionsWithSeveralVersionsAndAliases()
    {
        var world = WorldGenerator.Generate(Settings with { LambdaShare = 0.5 });
        var functions = world.Accounts.SelectMany(account => account.LambdaFunctions).ToList();
        var images = functions.Where(function => function.IsImage).ToList();

        Assert.InRange(images.Count, 15, 45);
        Assert.Contains(functions, function => !function.IsImage);
        Assert.NotEmpty(world.Accounts[1].LambdaFunctions);
        Assert.Contains(images, function => function.Versions.Count > 2 && function.Aliases.Count == 2);
        Assert.All(images, function => Assert.Equal("$LATEST", function.Versions[0].Version));
        Assert.All(images, function => Assert.Contains(function.Aliases, alias => alias.Name == "live"));
    }

    [Fact]
    public void LeavesTheRestOfTheWorldAsItIsWithoutLambdaFunctions()
    {
        var without = WorldGenerator.Generate(Settings with { LambdaShare = 0 });
        var with = WorldGenerator.Generate(Settings with { LambdaShare = 0.5 });

        Assert.All(without.Accounts, account => Assert.Empty(account.LambdaFunctions));
        Assert.Equal(Bytes(without), Bytes(new World { Accounts = [.. with.Accounts.Select(account => account with { LambdaFunctions = [] })] }));
    }

    [Fact]
    public void PinsEachDeploymentToTheDigestItsTagHad()
    {
        var world = WorldGenerator.Generate(Settings);
        var registry = world.Accounts[0];

        foreach (var account in world.Accounts)
        {
            foreach (var service in account.Clusters.SelectMany(cluster => cluster.Services))
            {
                var deployment = service.Deployments[0];
                var image = account.TaskDefinitions.Single(definition => definition.Name == deployment.TaskDefinition).Containers.Single().Image;
                var (repository, tag) = (image.Split('/', 2)[1].Split(':')[0], image.Split(':')[^1]);
                var tagged = registry.Repositories.Single(r => r.Name == repository).Images.Single(i => i.Tags.Contains(tag));
                Assert.Equal(tagged.Digest, deployment.ImageDigests!.Single());
            }
        }
    }

    [Fact]
    public void AddsALargeRepositoryWithoutChangingTheRestOfTheWorld()
    {
        var world = WorldGenerator.Generate(Settings with { LargeRepositoryImages = 400 });
        var registry = world.Accounts[0];
        var large = registry.Repositories[^1];
        var rest = world with { Accounts = [registry with { Repositories = [.. registry.Repositories.SkipLast(1)] }, .. world.Accounts.Skip(1)] };

        Assert.Equal(("care/app-big", "care"), (large.Name, large.Tags["team"]));
        Assert.InRange(large.Images.Count, 400, 600);
        Assert.Single(large.Images, image => image.Tags.Contains("latest"));
        Assert.Equal(Bytes(WorldGenerator.Generate(Settings)), Bytes(rest));
        Assert.Equal(Bytes(world), Bytes(WorldGenerator.Generate(Settings with { LargeRepositoryImages = 400 })));
    }

    [Fact]
    public void RunsNoServiceOnTheLargeRepository()
    {
        var world = WorldGenerator.Generate(Settings with { Services = 60, LargeRepositoryImages = 50, LargeRepositoryName = "search/huge" });
        var images = world.Accounts.SelectMany(account => account.TaskDefinitions).SelectMany(definition => definition.Containers).Select(container => container.Image);

        Assert.Equal("search/huge", world.Accounts[0].Repositories[^1].Name);
        Assert.DoesNotContain(images, image => image.Contains("/search/huge:", StringComparison.Ordinal));
    }

    [Fact]
    public void GivesAShareOfRepositoriesALifecyclePolicyItUnderstandsWithoutChangingTheRestOfTheWorld()
    {
        var world = WorldGenerator.Generate(Settings);
        var without = WorldGenerator.Generate(Settings with { LifecyclePolicyShare = 0 });

        var policies = world.Accounts[0].Repositories.Select(repository => repository.LifecyclePolicy).OfType<string>().ToList();
        Assert.InRange(policies.Count, 12, 24); // 30 % of 60
        Assert.All(policies, policy => Assert.True(Domain.LifecyclePolicy.TryParse(policy, out _, out var notUnderstood), notUnderstood));
        Assert.Equal(3, policies.Distinct().Count());
        Assert.All(without.Accounts[0].Repositories, repository => Assert.Null(repository.LifecyclePolicy));
        var stripped = world with { Accounts = [world.Accounts[0] with { Repositories = [.. world.Accounts[0].Repositories.Select(repository => repository with { LifecyclePolicy = null })] }, world.Accounts[1]] };
        Assert.Equal(Bytes(without), Bytes(stripped));
    }

    [Fact]
    public void RefusesSettingsThatMakeNoSense() =>
        Assert.Throws<ArgumentException>(() => WorldGenerator.Generate(Settings with { MultiArchShare = 2 }));
}
