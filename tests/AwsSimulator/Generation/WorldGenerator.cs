using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// Makes a world from <see cref="GeneratorSettings"/>, deterministically: a registry account whose repositories belong
/// to teams, and ECS services (some in a workload account, pulling across accounts) running their newest images.
/// </summary>
public static class WorldGenerator
{
    private static readonly string[] TeamNames = ["care", "billing", "search", "identity", "payments", "logistics", "catalog", "growth", "platform", "data"];

    public static string TeamName(int index) =>
        index < TeamNames.Length ? TeamNames[index] : $"{TeamNames[index % TeamNames.Length]}{index / TeamNames.Length}";

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
            var name = $"{team}/app-{r:D4}";
            repositories.Add(new WorldRepository
            {
                Name = name,
                CreatedAt = settings.Now.AddDays(-settings.HistoryDays - 1),
                Tags = new Dictionary<string, string> { ["team"] = team },
                Images = ImageGenerator.Repository(settings, draws, name),
            });
        }

        var workloads = WorkloadGenerator.Generate(settings, draws, repositories);
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
                },
                new WorldAccount
                {
                    AccountId = settings.WorkloadAccount,
                    Region = settings.Region,
                    TaskDefinitions = workloads.Workload.TaskDefinitions,
                    Clusters = workloads.Workload.Clusters,
                },
            ],
        };
    }
}
