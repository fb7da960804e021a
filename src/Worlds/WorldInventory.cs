using EcrCurator.Domain;

namespace EcrCurator.Worlds;

/// <summary>Turns a world into the engine's inventory, as a complete snapshot of it would see it.</summary>
public static class WorldInventory
{
    private static readonly string[] CountedDeployments = ["PRIMARY", "ACTIVE"];

    public static Inventory From(World world, TeamRules teams)
    {
        var repositories = new List<RepositoryRecord>();
        var uses = new List<ImageUse>();
        var definitions = new List<TaskDefinitionRecord>();
        foreach (var account in world.Accounts)
        {
            foreach (var repository in account.Repositories)
            {
                var key = new RepositoryKey(account.AccountId, account.Region, repository.Name);
                repositories.Add(new RepositoryRecord(key, teams.TeamOf(repository.Name, repository.Tags), [.. repository.Images.Select(ToRecord)])
                {
                    Tags = repository.Tags,
                    LifecyclePolicy = repository.LifecyclePolicy,
                });
            }

            var byName = account.TaskDefinitions.ToDictionary(definition => definition.Name);
            definitions.AddRange(account.TaskDefinitions.Select(definition => new TaskDefinitionRecord(
                account.AccountId, account.Region, definition.Family, definition.Revision,
                definition.Status == "ACTIVE", [.. definition.Containers.Select(container => container.Image)])));
            foreach (var cluster in account.Clusters)
            {
                uses.AddRange(ServiceUses(account, cluster, byName));
                uses.AddRange(TaskUses(account, cluster, byName));
            }

            uses.AddRange(LambdaUses(account));
        }

        return new Inventory(repositories, uses, definitions);
    }

    /// <summary>Every PRIMARY or ACTIVE deployment (or task set) of every ACTIVE service, scaled to zero or not.</summary>
    private static IEnumerable<ImageUse> ServiceUses(WorldAccount account, WorldCluster cluster, Dictionary<string, WorldTaskDefinition> definitions) =>
        from service in cluster.Services
        where service.Status == "ACTIVE"
        from deployment in service.Deployments
        where CountedDeployments.Contains(deployment.Status)
        let definition = definitions[deployment.TaskDefinition]
        let site = new EcsSite(account.AccountId, account.Region, cluster.Name, service.Name, null, definition.Family, definition.Revision)
        from container in definition.Containers.Select((container, i) => (container.Image, Digest: deployment.ImageDigests?.ElementAtOrDefault(i)))
        select new ImageUse(container.Image, container.Digest, site);

    /// <summary>Every task whose desired status is RUNNING: its containers' reported digests and its task definition's references.</summary>
    private static IEnumerable<ImageUse> TaskUses(WorldAccount account, WorldCluster cluster, Dictionary<string, WorldTaskDefinition> definitions)
    {
        foreach (var task in cluster.Tasks.Where(task => task.EffectiveDesiredStatus == "RUNNING"))
        {
            var definition = definitions[task.TaskDefinition];
            var service = task.Group is { } group && group.StartsWith("service:", StringComparison.Ordinal) ? group["service:".Length..] : null;
            var site = new EcsSite(account.AccountId, account.Region, cluster.Name, service, task.Id, definition.Family, definition.Revision);
            foreach (var container in task.Containers)
            {
                yield return new ImageUse(container.Image, container.ImageDigest, site);
            }

            foreach (var container in definition.Containers.Where(defined => task.Containers.All(running => running.Name != defined.Name)))
            {
                yield return new ImageUse(container.Image, null, site);
            }
        }
    }

    /// <summary>Every version of every Image function, <c>$LATEST</c> included, with the aliases pointing at it.</summary>
    private static IEnumerable<ImageUse> LambdaUses(WorldAccount account) =>
        from function in account.LambdaFunctions
        where function.IsImage
        from version in function.Versions
        let aliases = function.Aliases.Where(alias => alias.FunctionVersion == version.Version).Select(alias => alias.Name).ToList()
        from use in new LambdaSite(account.AccountId, account.Region, function.Name, version.Version, aliases).Uses(version.ImageUri, version.ResolvedImageUri)
        select use;

    private static ImageRecord ToRecord(WorldImage image) => new()
    {
        Digest = image.Digest,
        Tags = image.Tags,
        PushedAt = image.PushedAt,
        SizeBytes = image.SizeBytes,
        LastPulledAt = image.LastPulledAt,
        MediaType = image.MediaType,
        ArtifactMediaType = image.ArtifactMediaType,
        Manifests = image.Manifests ?? [],
        Subject = image.Subject,
        Layers = image.Layers?.Select(layer => new Layer(layer.Digest, layer.Size)).ToArray(),
        Status = StatusOf(image.ImageStatus),
        LastArchivedAt = image.LastArchivedAt,
        LastActivatedAt = image.LastActivatedAt,
    };

    /// <summary>ECR's <c>imageStatus</c> as the engine knows it (absent: active).</summary>
    public static ImageStatus StatusOf(string? imageStatus) => imageStatus switch
    {
        "ARCHIVED" => ImageStatus.Archived,
        "ACTIVATING" => ImageStatus.Activating,
        _ => ImageStatus.Active,
    };
}
