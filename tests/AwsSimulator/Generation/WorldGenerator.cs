using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// Makes a world from <see cref="GeneratorSettings"/>, deterministically: a registry account whose repositories belong
/// to teams, ECS services (some in a workload account, pulling across accounts) running their newest images, and Lambda
/// functions running some of their releases;
/// optionally one large repository beside them.
/// </summary>
public static class WorldGenerator
{
    private static readonly string[] TeamNames = ["care", "billing", "search", "identity", "payments", "logistics", "catalog", "growth", "platform", "data"];

    public static string TeamName(int index) =>
        index < TeamNames.Length ? TeamNames[index] : $"{TeamNames[index % TeamNames.Length]}{index / TeamNames.Length}";

    public static string RepositoryName(GeneratorSettings settings, int index) => $"{TeamName(index % settings.Teams)}/app-{index:D4}";

    public static World Generate(GeneratorSettings settings)
    {
        if (settings.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"generator settings: {problem}", nameof(settings));
        }

        var draws = new Draws(settings.Seed);
        var repositories = new List<WorldRepository>(settings.Repositories);
        for (var r = 0; r < settings.Repositories; r++)
        {
            var team = TeamName(r % settings.Teams);
            var name = RepositoryName(settings, r);
            repositories.Add(new WorldRepository
            {
                Name = name,
                CreatedAt = settings.Now.AddDays(-settings.HistoryDays - 1),
                Tags = new Dictionary<string, string> { ["team"] = team },
                Images = ImageGenerator.Repository(settings, draws, name),
                LifecyclePolicy = LifecyclePolicies.For(settings, r),
            });
        }

        var workloads = WorkloadGenerator.Generate(settings, draws, repositories);
        var functions = LambdaGenerator.Generate(settings, repositories);
        if (settings.LargeRepositoryImages > 0)
        {
            repositories.Add(LargeRepository(settings));
        }

        return new World
        {
            Accounts =
            [
                new WorldAccount
                {
                    AccountId = settings.RegistryAccount,
                    Region = settings.Region,
                    Repositories = repositories,
                    TaskDefinitions = workloads.Registry.TaskDefinitions,
                    Clusters = workloads.Registry.Clusters,
                    LambdaFunctions = functions[settings.RegistryAccount],
                },
                new WorldAccount
                {
                    AccountId = settings.WorkloadAccount,
                    Region = settings.Region,
                    TaskDefinitions = workloads.Workload.TaskDefinitions,
                    Clusters = workloads.Workload.Clusters,
                    LambdaFunctions = functions[settings.WorkloadAccount],
                },
            ],
        };
    }

    /// <summary>
    /// The large repository: the one repository of a generation of its own (seed + 1, one team, no services), renamed
    /// and given the team its name begins with.
    /// </summary>
    private static WorldRepository LargeRepository(GeneratorSettings settings)
    {
        var own = settings with { Seed = settings.Seed + 1, Teams = 1, Repositories = 1, ImagesPerRepository = settings.LargeRepositoryImages, Services = 0, LargeRepositoryImages = 0, LambdaShare = 0 };
        var repository = Generate(own).Accounts[0].Repositories[0];
        return repository with
        {
            Name = settings.LargeRepositoryName,
            Tags = new Dictionary<string, string> { ["team"] = settings.LargeRepositoryName.Split('/')[0] },
        };
    }
}
