using System.Text.Json;
using EcrCurator.AwsSimulator.State;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Control;

/// <summary>
/// The changes the control API makes to the running world. Each is checked by the world-file rules first (a digest
/// that is no digest, a task definition referenced but not registered...), and runs inside a write.
/// </summary>
internal static class WorldChanges
{
    public static WorldImage Push(SimulatorState state, ImagePush push)
    {
        var region = Region(state, push.AccountId, push.Region, create: true);
        Validate(region, new WorldAccount { AccountId = region.AccountId, Region = region.Region, Repositories = [new WorldRepository { Name = push.Repository, Images = [push.Image] }] });
        if (!region.Repositories.TryGetValue(push.Repository, out var repository))
        {
            region.Repositories[push.Repository] = repository = new RepositoryState(push.Repository, state.Time.GetUtcNow(), new Dictionary<string, string>());
        }

        var existing = repository.ByDigest(push.Image.Digest);
        var image = existing is null ? push.Image : push.Image with { Tags = [.. existing.Tags.Union(push.Image.Tags)] };
        if (existing is not null && !Ecr.ImageStatuses.IsPullable(existing) && push.Image.ImageStatus is null)
        {
            // ECR: "When you push an image that is currently archived, that image will be immediately restored."
            image = state.Restored(region.AccountId, region.Region, repository.Name, image with { LastArchivedAt = existing.LastArchivedAt });
        }

        repository.Put(image);
        return image;
    }

    /// <summary>
    /// Plays a consumer that pulls an image (by digest, or by tag): ECR records the pull time; an archived image, or one
    /// being restored, cannot be pulled (ECR answers 404).
    /// </summary>
    public static WorldImage Pull(SimulatorState state, ImagePull pull)
    {
        var region = Region(state, pull.AccountId, pull.Region, create: false);
        var repository = region.Repositories.GetValueOrDefault(pull.Repository) ?? throw new ControlException($"there is no repository {pull.Repository}", 404);
        var image = (pull.Digest is { } digest ? repository.ByDigest(digest) : repository.ByTag(pull.Tag ?? "latest"))
                    ?? throw new ControlException($"manifest unknown: repository {pull.Repository} has no image {pull.Digest ?? pull.Tag ?? "latest"}", 404);
        if (!Ecr.ImageStatuses.IsPullable(image))
        {
            throw new ControlException($"manifest unknown: image {image.Digest} of {pull.Repository} is {Ecr.ImageStatuses.Of(image)} and cannot be pulled", 404);
        }

        var pulled = image with { LastPulledAt = state.Time.GetUtcNow() };
        repository.Put(pulled);
        return pulled;
    }

    /// <summary>Puts a tag on an image, taking it from the image that had it.</summary>
    public static WorldImage MoveTag(SimulatorState state, TagChange change)
    {
        var repository = Repository(state, change);
        if (change.Digest is null || repository.ByDigest(change.Digest) is null)
        {
            throw new ControlException($"repository {change.Repository} has no image '{change.Digest}'", 404);
        }

        repository.Untag(change.Tag);
        var image = repository.ByDigest(change.Digest)!;
        repository.Put(image with { Tags = [.. image.Tags, change.Tag] });
        return repository.ByDigest(change.Digest)!;
    }

    public static WorldImage RemoveTag(SimulatorState state, TagChange change) =>
        Repository(state, change).Untag(change.Tag) ?? throw new ControlException($"repository {change.Repository} has no tag '{change.Tag}'", 404);

    public static WorldTaskDefinition Register(SimulatorState state, TaskDefinitionRegistration registration)
    {
        var region = Region(state, registration.AccountId, registration.Region, create: true);
        var definition = registration.TaskDefinition.Revision > 0
            ? registration.TaskDefinition
            : registration.TaskDefinition with { Revision = region.TaskDefinitions.NextRevision(registration.TaskDefinition.Family) };
        Validate(region, new WorldAccount { AccountId = region.AccountId, Region = region.Region, TaskDefinitions = [definition] });
        region.TaskDefinitions.Register(definition);
        return definition;
    }

    public static WorldTask Start(SimulatorState state, TaskStart start)
    {
        var region = Region(state, start.AccountId, start.Region, create: false);
        Validate(region, new WorldAccount
        {
            AccountId = region.AccountId,
            Region = region.Region,
            TaskDefinitions = [.. region.TaskDefinitions.Find(start.Task.TaskDefinition) is { } definition ? [definition] : Array.Empty<WorldTaskDefinition>()],
            Clusters = [new WorldCluster { Name = start.Cluster, Tasks = [start.Task] }],
        });
        Cluster(state, region, start.Cluster).PutTask(new TaskEntry(start.Task, state.Time.GetUtcNow()));
        return start.Task;
    }

    public static WorldTask Stop(SimulatorState state, TaskStop stop)
    {
        var cluster = Region(state, stop.AccountId, stop.Region, create: false).Clusters.GetValueOrDefault(stop.Cluster);
        var entry = cluster?.Tasks.GetValueOrDefault(stop.TaskId) ?? throw new ControlException($"cluster {stop.Cluster} has no task '{stop.TaskId}'", 404);
        var stopped = entry.Task with { LastStatus = "STOPPED", DesiredStatus = "STOPPED" };
        cluster.PutTask(entry with { Task = stopped });
        return stopped;
    }

    /// <summary>Creates a service or replaces it (its status, desired count, controller and deployments).</summary>
    public static WorldService PutService(SimulatorState state, ServiceChange change)
    {
        var region = Region(state, change.AccountId, change.Region, create: false);
        Validate(region, new WorldAccount
        {
            AccountId = region.AccountId,
            Region = region.Region,
            TaskDefinitions = [.. change.Service.Deployments.Select(deployment => region.TaskDefinitions.Find(deployment.TaskDefinition)).OfType<WorldTaskDefinition>().Distinct()],
            Clusters = [new WorldCluster { Name = change.Cluster, Services = [change.Service] }],
        });
        var cluster = Cluster(state, region, change.Cluster);
        var createdAt = cluster.Services.GetValueOrDefault(change.Service.Name)?.CreatedAt ?? state.Time.GetUtcNow();
        cluster.Services[change.Service.Name] = new ServiceEntry(change.Service, createdAt);
        return change.Service;
    }

    /// <summary>Creates a Lambda function or replaces it (its package type, versions and aliases).</summary>
    public static WorldLambdaFunction PutLambdaFunction(SimulatorState state, LambdaFunctionChange change)
    {
        var region = Region(state, change.AccountId, change.Region, create: false);
        Validate(region, new WorldAccount { AccountId = region.AccountId, Region = region.Region, LambdaFunctions = [change.Function] });
        region.LambdaFunctions[change.Function.Name] = change.Function;
        return change.Function;
    }

    private static RegionState Region(SimulatorState state, string? account, string? region, bool create)
    {
        account ??= state.FirstAccountId;
        region ??= state.Regions.FirstOrDefault(candidate => candidate.AccountId == account)?.Region;
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            throw new ControlException($"account id '{account}' is not 12 digits");
        }

        if (region is null || (!create && state.Find(account, region) is null))
        {
            throw new ControlException($"the world has no account {account} in region {region ?? "(none given)"}", 404);
        }

        return state.Ensure(account, region);
    }

    private static RepositoryState Repository(SimulatorState state, TagChange change) =>
        Region(state, change.AccountId, change.Region, create: false).Repositories.GetValueOrDefault(change.Repository)
            ?? throw new ControlException($"there is no repository {change.Repository}", 404);

    private static ClusterState Cluster(SimulatorState state, RegionState region, string name)
    {
        if (!region.Clusters.TryGetValue(name, out var cluster))
        {
            region.Clusters[name] = cluster = new ClusterState(name, state.Time.GetUtcNow());
        }

        return cluster;
    }

    private static void Validate(RegionState region, WorldAccount account)
    {
        try
        {
            WorldFile.Parse(JsonSerializer.SerializeToUtf8Bytes(new World { Accounts = [account] }, WorldFile.Json), "change");
        }
        catch (WorldFormatException error)
        {
            throw new ControlException($"{region.AccountId}/{region.Region}: {error.Problem}");
        }
    }
}
