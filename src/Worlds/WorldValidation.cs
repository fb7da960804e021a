namespace EcrCurator.Worlds;

/// <summary>The rules a world must satisfy beyond its JSON shape, checked in file order.</summary>
internal static class WorldValidation
{
    private static readonly string[] ImageStatuses = ["ACTIVE", "ARCHIVED", "ACTIVATING"];
    private static readonly string[] TaskDefinitionStatuses = ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"];
    private static readonly string[] ServiceStatuses = ["ACTIVE", "DRAINING", "INACTIVE"];
    private static readonly string[] Controllers = ["ECS", "CODE_DEPLOY", "EXTERNAL"];
    private static readonly string[] DeploymentStatuses = ["PRIMARY", "ACTIVE", "INACTIVE"];
    private static readonly string[] TaskStatuses =
        ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED"];

    private static readonly string[] DesiredStatuses = ["RUNNING", "PENDING", "STOPPED"];

    public sealed record Problem(string Path, string Message);

    public static Problem? FirstProblem(World world) => Problems(world).FirstOrDefault();

    private static IEnumerable<Problem> Problems(World world)
    {
        var regions = new HashSet<(string, string)>();
        for (var a = 0; a < world.Accounts.Count; a++)
        {
            var account = world.Accounts[a];
            var at = $"$.accounts[{a}]";
            if (account.AccountId.Length != 12 || !account.AccountId.All(char.IsAsciiDigit))
            {
                yield return new($"{at}.accountId", $"account id '{account.AccountId}' is not 12 digits");
            }

            if (string.IsNullOrWhiteSpace(account.Region))
            {
                yield return new($"{at}.region", "the region is empty");
            }

            if (!regions.Add((account.AccountId, account.Region)))
            {
                yield return new($"{at}.region", $"account {account.AccountId} lists region {account.Region} twice");
            }

            foreach (var problem in RepositoryProblems(account, at).Concat(EcsProblems(account, at)).Concat(LambdaProblems(account, at)))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<Problem> RepositoryProblems(WorldAccount account, string at)
    {
        var names = new HashSet<string>();
        for (var r = 0; r < account.Repositories.Count; r++)
        {
            var repository = account.Repositories[r];
            var repositoryAt = $"{at}.repositories[{r}]";
            if (string.IsNullOrWhiteSpace(repository.Name) || !names.Add(repository.Name))
            {
                yield return new($"{repositoryAt}.name", $"repository name '{repository.Name}' is empty or repeated");
            }

            if (repository.LifecyclePolicy is { Length: 0 })
            {
                yield return new($"{repositoryAt}.lifecyclePolicy", "the lifecycle policy is empty (leave it out for none)");
            }

            var digests = new HashSet<string>();
            var tags = new HashSet<string>();
            for (var i = 0; i < repository.Images.Count; i++)
            {
                var image = repository.Images[i];
                var imageAt = $"{repositoryAt}.images[{i}]";
                if (!IsDigest(image.Digest) || !digests.Add(image.Digest))
                {
                    yield return new($"{imageAt}.digest", $"'{image.Digest}' is not a digest (sha256: and 64 lowercase hex) or is repeated");
                }

                foreach (var tag in image.Tags.Where(tag => !tags.Add(tag)))
                {
                    yield return new($"{imageAt}.tags", $"tag '{tag}' is on two images of {repository.Name}");
                }

                if (new[] { image.PushedAt, image.LastPulledAt, image.LastArchivedAt, image.LastActivatedAt }.Any(time => time?.Offset is { } offset && offset != TimeSpan.Zero))
                {
                    yield return new($"{imageAt}.pushedAt", "times must be UTC (ending in Z)");
                }

                if (image.SizeBytes < 0 || image.Layers?.Any(layer => layer.Size < 0 || !IsDigest(layer.Digest)) == true)
                {
                    yield return new($"{imageAt}.sizeBytes", "sizes cannot be negative and layers need digests");
                }

                if (image.Manifests?.FirstOrDefault(digest => !IsDigest(digest)) is { } manifest)
                {
                    yield return new($"{imageAt}.manifests", $"'{manifest}' is not a digest");
                }

                if (image.Subject is { } subject && !IsDigest(subject))
                {
                    yield return new($"{imageAt}.subject", $"'{subject}' is not a digest");
                }

                if (image.ImageStatus is { } status && !ImageStatuses.Contains(status))
                {
                    yield return new($"{imageAt}.imageStatus", $"'{status}' is not ACTIVE, ARCHIVED or ACTIVATING");
                }
            }
        }
    }

    private static IEnumerable<Problem> EcsProblems(WorldAccount account, string at)
    {
        var definitions = new HashSet<string>();
        for (var d = 0; d < account.TaskDefinitions.Count; d++)
        {
            var definition = account.TaskDefinitions[d];
            if (string.IsNullOrWhiteSpace(definition.Family) || definition.Revision < 1 || !definitions.Add(definition.Name))
            {
                yield return new($"{at}.taskDefinitions[{d}].family", $"task definition '{definition.Name}' needs a family, a revision of at least 1, and to be listed once");
            }

            if (!TaskDefinitionStatuses.Contains(definition.Status))
            {
                yield return new($"{at}.taskDefinitions[{d}].status", $"'{definition.Status}' is not a task-definition status");
            }
        }

        var clusters = new HashSet<string>();
        for (var c = 0; c < account.Clusters.Count; c++)
        {
            var cluster = account.Clusters[c];
            var clusterAt = $"{at}.clusters[{c}]";
            if (!clusters.Add(cluster.Name))
            {
                yield return new($"{clusterAt}.name", $"cluster '{cluster.Name}' is listed twice");
            }

            for (var s = 0; s < cluster.Services.Count; s++)
            {
                var service = cluster.Services[s];
                var serviceAt = $"{clusterAt}.services[{s}]";
                if (!ServiceStatuses.Contains(service.Status))
                {
                    yield return new($"{serviceAt}.status", $"'{service.Status}' is not ACTIVE, DRAINING or INACTIVE");
                }

                if (!Controllers.Contains(service.DeploymentController))
                {
                    yield return new($"{serviceAt}.deploymentController", $"'{service.DeploymentController}' is not ECS, CODE_DEPLOY or EXTERNAL");
                }

                for (var p = 0; p < service.Deployments.Count; p++)
                {
                    var deployment = service.Deployments[p];
                    var deploymentAt = $"{serviceAt}.deployments[{p}]";
                    if (!DeploymentStatuses.Contains(deployment.Status))
                    {
                        yield return new($"{deploymentAt}.status", $"'{deployment.Status}' is not PRIMARY, ACTIVE or INACTIVE");
                    }

                    if (!definitions.Contains(deployment.TaskDefinition))
                    {
                        yield return new($"{deploymentAt}.taskDefinition", $"task definition '{deployment.TaskDefinition}' is referenced but not listed");
                    }

                    if (deployment.ImageDigests?.FirstOrDefault(digest => !IsDigest(digest)) is { } digest)
                    {
                        yield return new($"{deploymentAt}.imageDigests", $"'{digest}' is not a digest");
                    }
                }
            }

            for (var t = 0; t < cluster.Tasks.Count; t++)
            {
                var task = cluster.Tasks[t];
                var taskAt = $"{clusterAt}.tasks[{t}]";
                if (!definitions.Contains(task.TaskDefinition))
                {
                    yield return new($"{taskAt}.taskDefinition", $"task definition '{task.TaskDefinition}' is referenced but not listed");
                }

                if (!TaskStatuses.Contains(task.LastStatus) || task.DesiredStatus is { } desired && !DesiredStatuses.Contains(desired))
                {
                    yield return new($"{taskAt}.lastStatus", $"'{task.LastStatus}'/'{task.DesiredStatus}' is not an ECS task status");
                }

                if (task.Containers.FirstOrDefault(container => container.ImageDigest is { } digest && !IsDigest(digest)) is { } bad)
                {
                    yield return new($"{taskAt}.containers", $"'{bad.ImageDigest}' is not a digest");
                }
            }
        }
    }

    private static IEnumerable<Problem> LambdaProblems(WorldAccount account, string at)
    {
        var names = new HashSet<string>();
        for (var f = 0; f < account.LambdaFunctions.Count; f++)
        {
            var function = account.LambdaFunctions[f];
            var functionAt = $"{at}.lambdaFunctions[{f}]";
            if (string.IsNullOrWhiteSpace(function.Name) || function.Name.Contains(':', StringComparison.Ordinal) || !names.Add(function.Name))
            {
                yield return new($"{functionAt}.name", $"function name '{function.Name}' is empty, has a ':' or is repeated");
            }

            if (function.PackageType is not ("Image" or "Zip"))
            {
                yield return new($"{functionAt}.packageType", $"'{function.PackageType}' is not Image or Zip");
            }

            var versions = new HashSet<string>();
            for (var v = 0; v < function.Versions.Count; v++)
            {
                var version = function.Versions[v];
                var versionAt = $"{functionAt}.versions[{v}]";
                if (!(version.Version == WorldLambdaVersion.Latest || (version.Version.Length > 0 && version.Version.All(char.IsAsciiDigit) && version.Version[0] != '0'))
                    || !versions.Add(version.Version))
                {
                    yield return new($"{versionAt}.version", $"version '{version.Version}' is not $LATEST or a number from 1, or is repeated");
                }

                if (function.IsImage != (version.ImageUri is not null) || function.IsImage != (version.ResolvedImageUri is not null))
                {
                    yield return new($"{versionAt}.imageUri", "an Image function's versions have imageUri and resolvedImageUri, a Zip function's neither");
                }

                if (version.ResolvedImageUri is { } resolved && !IsDigest(resolved[(resolved.LastIndexOf('@') + 1)..]))
                {
                    yield return new($"{versionAt}.resolvedImageUri", $"'{resolved}' does not end in @ and a digest");
                }
            }

            for (var a = 0; a < function.Aliases.Count; a++)
            {
                if (!versions.Contains(function.Aliases[a].FunctionVersion) || function.Aliases.Take(a).Any(alias => alias.Name == function.Aliases[a].Name))
                {
                    yield return new($"{functionAt}.aliases[{a}].functionVersion", $"alias '{function.Aliases[a].Name}' is repeated or points at a version not listed");
                }
            }
        }
    }

    public static bool IsDigest(string value) =>
        value.Length == 71 && value.StartsWith("sha256:", StringComparison.Ordinal)
        && !value.AsSpan(7).ContainsAnyExcept("0123456789abcdef");
}
