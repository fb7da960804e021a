using EcrCurator.AwsSimulator.Ecr;
using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>What an advance by simulated days did.</summary>
public sealed record AdvanceSummary(int Day, int Pushes, int Deployments, int LambdaVersions = 0);

/// <summary>
/// Advances the served world by simulated days, deterministically for a seed and the day reached: each day a share
/// (<see cref="GeneratorSettings.DailyChangeRate"/>) of the repositories gets a push tagged <c>day-N</c> that moves
/// <c>latest</c>, and every service whose task-definition family uses such a repository gets a new revision, a new
/// PRIMARY deployment pinned to the new digest, and new tasks in place of its old ones; every Lambda function whose
/// <c>$LATEST</c> runs such a repository is updated to the new image and publishes it as a new version, which alias
/// <c>live</c> then points at (<c>previous</c> at the version live was). Call inside a write.
/// </summary>
internal static class WorldAdvance
{
    public static AdvanceSummary Advance(SimulatorState state, GeneratorSettings settings, int days)
    {
        var (pushes, deployments, published) = (0, 0, 0);
        for (var n = 0; n < days; n++)
        {
            var day = ++state.Day;
            var draws = Draws.ForDay(settings.Seed, day);
            var now = state.Anchor.AddDays(day);
            var repositories = state.Regions.OrderBy(region => region.AccountId, StringComparer.Ordinal).ThenBy(region => region.Region, StringComparer.Ordinal)
                .SelectMany(region => region.Repositories.Values.Select(repository => (Region: region, Repository: repository))).ToList();
            var users = Users(state);
            var functions = Functions(state);
            foreach (var index in draws.Pick((int)Math.Round(repositories.Count * settings.DailyChangeRate), repositories.Count))
            {
                var (region, repository) = repositories[index];
                var tag = $"day-{day}";
                var images = new List<WorldImage>();
                var baseLayer = repository.Images.Values.Select(image => image.Layers?.FirstOrDefault()).OfType<WorldLayer>().FirstOrDefault()
                    ?? new WorldLayer(Manifests.Derived(repository.Name, "base-layer"), 10 * 1024 * 1024);
                var digest = ImageGenerator.Push(draws, now.AddMinutes(-draws.Next(24 * 60)), now, [tag, "latest"], baseLayer, draws.Chance(settings.MultiArchShare), images);
                images.ForEach(repository.Put);
                pushes++;
                var image = $"{Arns.Registry(region.AccountId, region.Region)}/{repository.Name}";
                foreach (var (user, family) in users.GetValueOrDefault((region.AccountId, region.Region, repository.Name), []))
                {
                    deployments += Redeploy(user, family, (region.AccountId, region.Region, repository.Name), $"{image}:{tag}", digest, draws, now);
                }

                foreach (var (owner, function) in functions.GetValueOrDefault((region.AccountId, region.Region, repository.Name), []))
                {
                    owner.LambdaFunctions[function] = LambdaGenerator.Publish(owner.LambdaFunctions[function], image, tag, digest);
                    published++;
                }
            }
        }

        return new AdvanceSummary(state.Day, pushes, deployments, published);
    }

    /// <summary>For each repository, the task-definition families whose newest revision runs one of its images.</summary>
    private static Dictionary<(string, string, string), List<(RegionState, string)>> Users(SimulatorState state)
    {
        var users = new Dictionary<(string, string, string), List<(RegionState, string)>>();
        foreach (var region in state.Regions)
        {
            foreach (var newest in region.TaskDefinitions.All.Values.GroupBy(definition => definition.Family).Select(family => family.Last()))
            {
                foreach (var repository in newest.Containers.Select(container => ImageReferences.RepositoryOf(container.Image)).OfType<(string, string, string)>().Distinct())
                {
                    if (!users.TryGetValue(repository, out var list))
                    {
                        users[repository] = list = [];
                    }

                    list.Add((region, newest.Family));
                }
            }
        }

        return users;
    }

    /// <summary>For each repository, the Image functions whose <c>$LATEST</c> runs one of its images.</summary>
    private static Dictionary<(string, string, string), List<(RegionState, string)>> Functions(SimulatorState state)
    {
        var functions = new Dictionary<(string, string, string), List<(RegionState, string)>>();
        foreach (var region in state.Regions)
        {
            foreach (var function in region.LambdaFunctions.Values.Where(function => function.IsImage))
            {
                var latest = function.Versions.FirstOrDefault(version => version.Version == WorldLambdaVersion.Latest);
                if (latest?.ImageUri is { } uri && ImageReferences.RepositoryOf(uri) is { } repository)
                {
                    if (!functions.TryGetValue(repository, out var list))
                    {
                        functions[repository] = list = [];
                    }

                    list.Add((region, function.Name));
                }
            }
        }

        return functions;
    }

    private static int Redeploy(RegionState region, string family, (string, string, string) repository, string image, string digest, Draws draws, DateTimeOffset now)
    {
        var latest = region.TaskDefinitions.Family(family)[^1];
        var replaced = latest.Containers.Select(container => ImageReferences.RepositoryOf(container.Image) == repository).ToList();
        var definition = latest with
        {
            Revision = latest.Revision + 1,
            Status = "ACTIVE",
            Containers = [.. latest.Containers.Select((container, i) => replaced[i] ? container with { Image = image } : container)],
        };
        region.TaskDefinitions.Register(definition);
        var redeployed = 0;
        foreach (var cluster in region.Clusters.Values)
        {
            foreach (var entry in cluster.Services.Values.Where(entry => entry.Service.Status == "ACTIVE"
                && entry.Service.Deployments.FirstOrDefault(deployment => deployment.Status == "PRIMARY") is { } primary
                && primary.TaskDefinition.StartsWith(family + ":", StringComparison.Ordinal)).ToList())
            {
                var previous = entry.Service.Deployments.First(deployment => deployment.Status == "PRIMARY");
                var deployment = new WorldDeployment
                {
                    Status = "PRIMARY",
                    TaskDefinition = definition.Name,
                    ImageDigests = [.. replaced.Select((isReplaced, i) => isReplaced ? digest : previous.ImageDigests?.ElementAtOrDefault(i) ?? digest)],
                };
                cluster.Services[entry.Service.Name] = entry with { Service = entry.Service with { Deployments = [deployment] } };
                foreach (var old in cluster.TasksOfGroup($"service:{entry.Service.Name}").Select(task => task.Id).ToList())
                {
                    cluster.RemoveTask(old);
                }

                for (var t = 0; t < entry.Service.DesiredCount; t++)
                {
                    cluster.PutTask(new TaskEntry(WorkloadGenerator.Task(draws, entry.Service.Name, deployment, definition), now));
                }

                redeployed++;
            }
        }

        return redeployed;
    }
}
