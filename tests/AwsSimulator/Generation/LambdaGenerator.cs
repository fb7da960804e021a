using EcrCurator.AwsSimulator.Protocol;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>
/// Makes the Lambda side of a generated world, with draws of its own (so the rest of the world is the same with or
/// without it): for a share of the repositories (<see cref="GeneratorSettings.LambdaShare"/>) a function of package
/// type Image with up to three published versions of releases drawn from the repository's whole history (a function
/// not updated for months still runs an old image; some were published from <c>:latest</c>, whose tag has moved since), <c>$LATEST</c> on <c>:latest</c> (sometimes resolved before the newest push), and the
/// aliases <c>live</c> and <c>previous</c>; beside some of them a Zip function, which runs no image.
/// </summary>
internal static class LambdaGenerator
{
    public static Dictionary<string, List<WorldLambdaFunction>> Generate(GeneratorSettings settings, IReadOnlyList<WorldRepository> repositories)
    {
        var draws = new Draws(unchecked((settings.Seed * 7_919) + 104_729));
        var functions = new Dictionary<string, List<WorldLambdaFunction>> { [settings.RegistryAccount] = [], [settings.WorkloadAccount] = [] };
        foreach (var repository in repositories)
        {
            if (!draws.Chance(settings.LambdaShare))
            {
                continue;
            }

            var account = draws.Chance(settings.CrossAccountShare) ? settings.WorkloadAccount : settings.RegistryAccount;
            var tagged = repository.Images.Where(image => image.Tags.Any(tag => tag.StartsWith("v1.", StringComparison.Ordinal)))
                .OrderBy(image => image.PushedAt).ToList();
            var releases = draws.Pick(Math.Min(tagged.Count, 1 + draws.Next(3)), tagged.Count).Order().Select(i => tagged[i]).ToList();
            var name = repository.Name.Replace('/', '-');
            functions[account].Add(Function(settings, draws, repository, releases, name));
            if (draws.Chance(0.2))
            {
                functions[account].Add(new WorldLambdaFunction
                {
                    Name = $"{name}-hook",
                    PackageType = "Zip",
                    Versions = [new WorldLambdaVersion { Version = WorldLambdaVersion.Latest }, new WorldLambdaVersion { Version = "1" }],
                    Aliases = [new WorldLambdaAlias("live", "1")],
                });
            }
        }

        return functions;
    }

    /// <summary>The function a redeploy publishes a new version of: <c>$LATEST</c> and the new version run <paramref name="digest"/>.</summary>
    public static WorldLambdaFunction Publish(WorldLambdaFunction function, string image, string tag, string digest)
    {
        var number = function.Versions.Where(version => version.Version != WorldLambdaVersion.Latest).Select(version => int.Parse(version.Version)).DefaultIfEmpty(0).Max() + 1;
        var published = new WorldLambdaVersion { Version = $"{number}", ImageUri = $"{image}:{tag}", ResolvedImageUri = $"{image}@{digest}" };
        var live = function.Aliases.FirstOrDefault(alias => alias.Name == "live")?.FunctionVersion;
        return function with
        {
            Versions = [new WorldLambdaVersion { Version = WorldLambdaVersion.Latest, ImageUri = $"{image}:latest", ResolvedImageUri = $"{image}@{digest}" },
                .. function.Versions.Where(version => version.Version != WorldLambdaVersion.Latest), published],
            Aliases = [new WorldLambdaAlias("live", published.Version), .. live is null ? [] : new[] { new WorldLambdaAlias("previous", live) }],
        };
    }

    private static WorldLambdaFunction Function(GeneratorSettings settings, Draws draws, WorldRepository repository, List<WorldImage> releases, string name)
    {
        var image = $"{Arns.Registry(settings.RegistryAccount, settings.Region)}/{repository.Name}";
        var newest = repository.Images.Single(candidate => candidate.Tags.Contains("latest"));
        var versions = releases.Select((release, i) => new WorldLambdaVersion
        {
            Version = $"{i + 1}",
            ImageUri = draws.Chance(0.5) ? $"{image}:latest" : $"{image}:{release.Tags[0]}",
            ResolvedImageUri = $"{image}@{release.Digest}",
        }).ToList();
        var latest = releases.Count > 1 && draws.Chance(0.3) ? releases[^2] : newest;
        return new WorldLambdaFunction
        {
            Name = name,
            Versions = [new WorldLambdaVersion { Version = WorldLambdaVersion.Latest, ImageUri = $"{image}:latest", ResolvedImageUri = $"{image}@{latest.Digest}" }, .. versions],
            Aliases = [new WorldLambdaAlias("live", versions[^1].Version), .. versions.Count > 1 ? [new WorldLambdaAlias("previous", versions[^2].Version)] : Array.Empty<WorldLambdaAlias>()],
        };
    }
}
