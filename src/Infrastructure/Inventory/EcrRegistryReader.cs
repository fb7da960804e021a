using System.Collections.Concurrent;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Reads a registry over ECR: repositories, their tags (for the team), images (archived too) and manifests.</summary>
public sealed class EcrRegistryReader(AwsConnections connections, IOptions<AwsOptions> options) : IRegistryReader
{
    public async Task<RegistryRead> ReadAsync(
        AccountRegion registry, TeamRules teams, KnownManifests known, RepositorySink accept, IProgress<RegistryProgress>? progress, CancellationToken cancellation)
    {
        var ecr = new EcrClient(connections.Client(registry, AwsService.Ecr));
        var repositories = await ecr.DescribeRepositoriesAsync(cancellation);
        var problems = new ConcurrentBag<string>();
        var leftOut = new ConcurrentBag<string>();
        var read = 0;
        var done = 0;
        progress?.Report(new RegistryProgress(0, repositories.Count));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Aws.MaxConcurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(repositories, parallel, async (repository, token) =>
        {
            RepositoryRecord? record = null;
            var lifecycle = LifecyclePolicyRead.StartAsync(ecr, repository.RepositoryName, token);
            try
            {
                var read = await ReadRepositoryAsync(ecr, registry, repository, teams, known, token);
                record = (await lifecycle).AddTo(read);
            }
            catch (Exception error) when (error is AwsException or IncompleteReadException)
            {
                problems.Add($"Repository {registry}/{repository.RepositoryName} is left out: {error.Message}");
                leftOut.Add(repository.RepositoryName);
            }

            if (record is not null)
            {
                await accept(record, token);
                Interlocked.Increment(ref read);
            }

            progress?.Report(new RegistryProgress(Interlocked.Increment(ref done), repositories.Count));
        });
        return new RegistryRead(read, [.. problems.Order(StringComparer.Ordinal)], [.. leftOut]);
    }

    public Task<RepositoryRecord> ReadRepositoryAsync(AccountRegion registry, string name, TeamRules teams, KnownManifests known, CancellationToken cancellation)
    {
        var partition = registry.Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";
        var repository = new EcrRepository($"arn:{partition}:ecr:{registry.Region}:{registry.AccountId}:repository/{name}", registry.AccountId, name, null);
        return ReadRepositoryAsync(new EcrClient(connections.Client(registry, AwsService.Ecr)), registry, repository, teams, known, cancellation);
    }

    private static async Task<RepositoryRecord> ReadRepositoryAsync(
        EcrClient ecr, AccountRegion registry, EcrRepository repository, TeamRules teams, KnownManifests known, CancellationToken cancellation)
    {
        var key = new RepositoryKey(registry.AccountId, registry.Region, repository.RepositoryName);
        var tags = await ecr.ListTagsAsync(repository.RepositoryArn, cancellation);
        var details = await ecr.DescribeImagesAsync(repository.RepositoryName, cancellation);
        var stored = await known.OfAsync(key, cancellation);
        var active = details
            .Where(detail => detail.ImageStatus is null or "ACTIVE" && !stored.ContainsKey(detail.ImageDigest))
            .Select(detail => detail.ImageDigest)
            .ToList();
        var (images, failures) = await ecr.BatchGetImageAsync(repository.RepositoryName, active, cancellation);
        var unreadable = failures.Where(failure => failure.FailureCode != "ImageNotFound").ToList();
        if (unreadable.Count > 0)
        {
            throw new IncompleteReadException(
                $"{unreadable.Count} manifests could not be read (first: {unreadable[0].ImageId?.ImageDigest} {unreadable[0].FailureCode}: {unreadable[0].FailureReason}).");
        }

        var gone = failures.Select(failure => failure.ImageId?.ImageDigest).ToHashSet();
        var manifests = new Dictionary<string, ImageManifest>();
        foreach (var image in images.Where(image => image.ImageId.ImageDigest is not null && image.ImageManifest is not null))
        {
            manifests.TryAdd(image.ImageId.ImageDigest!, Parse(image));
        }

        // An index without its children, or an artifact without its subject, could let a kept image's dependents go.
        var unknown = details.FirstOrDefault(detail => !gone.Contains(detail.ImageDigest)
            && !manifests.ContainsKey(detail.ImageDigest) && !stored.ContainsKey(detail.ImageDigest)
            && (active.Contains(detail.ImageDigest) || IsIndex(detail.ImageManifestMediaType) || detail.ArtifactMediaType is not null));
        if (unknown is not null)
        {
            throw new IncompleteReadException($"the manifest of {unknown.ImageDigest} ({unknown.ImageStatus ?? "ACTIVE"}) could not be read.");
        }

        return new RepositoryRecord(
            key,
            teams.TeamOf(repository.RepositoryName, tags),
            [.. details.Where(detail => !gone.Contains(detail.ImageDigest))
                .Select(detail => ToRecord(detail, manifests.GetValueOrDefault(detail.ImageDigest) ?? stored.GetValueOrDefault(detail.ImageDigest)))])
        {
            Tags = tags,
        };
    }

    private static bool IsIndex(string? mediaType) => mediaType is ImageRecord.IndexMediaType or ImageRecord.ManifestListMediaType;

    private static ImageManifest Parse(EcrImage image)
    {
        try
        {
            return ImageManifest.Parse(image.ImageManifest!);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new IncompleteReadException($"the manifest of {image.ImageId.ImageDigest} is not one the product can read: {error.Message}");
        }
    }

    private static ImageRecord ToRecord(ImageDetail detail, ImageManifest? manifest) => new()
    {
        Digest = detail.ImageDigest,
        Tags = detail.ImageTags ?? [],
        PushedAt = detail.ImagePushedAt ?? throw new IncompleteReadException($"ECR gave image {detail.ImageDigest} no push time."),
        SizeBytes = detail.ImageSizeInBytes ?? 0,
        LastPulledAt = detail.LastRecordedPullTime,
        MediaType = detail.ImageManifestMediaType,
        ArtifactMediaType = detail.ArtifactMediaType,
        Manifests = manifest?.Manifests ?? [],
        Subject = manifest?.Subject,
        Layers = manifest is { Manifests.Count: 0 } ? manifest.Layers : null,
        Status = detail.ImageStatus == "ARCHIVED" ? ImageStatus.Archived : ImageStatus.Active,
        LastArchivedAt = detail.LastArchivedAt,
        LastActivatedAt = detail.LastActivatedAt,
    };
}

/// <summary>Something AWS answered leaves the read incomplete.</summary>
public sealed class IncompleteReadException(string message) : Exception(message);
