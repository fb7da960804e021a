using EcrCurator.Domain.Tests.Builders;

namespace EcrCurator.Domain.Tests.Properties;

/// <summary>Builds a <see cref="RandomWorld"/> from a seed: same seed, same world.</summary>
internal sealed class RandomWorldGenerator(int seed)
{
    private static readonly string[] Accounts = [Ecr.Account, Ecr.OtherAccount];
    private static readonly string[] Regions = [Ecr.Region, Ecr.OtherRegion];
    private static readonly string[] Names = ["care/api", "care/web", "ops/tools", "web", "batch/jobs/etl"];
    private static readonly string[] Families = ["app", "worker", "cron"];
    private static readonly string[] Suffixes = [".sig", ".att", ".sbom"];

    private readonly Random random = new(seed);
    private readonly List<RepositoryRecord> repositories = [];
    private readonly List<ImageUse> uses = [];
    private readonly List<TaskDefinitionRecord> definitions = [];
    private readonly List<Pin> pins = [];
    private readonly HashSet<(RepositoryKey, string)> used = [];
    private readonly HashSet<(RepositoryKey, string)> pinned = [];

    public RandomWorld Generate()
    {
        RepositoryKey[] keys = [.. from account in Accounts from region in Regions from name in Names select new RepositoryKey(account, region, name)];
        random.Shuffle(keys);
        repositories.AddRange(keys.Take(random.Next(1, 7)).Select(Repository));
        for (var i = random.Next(0, 14); i > 0; i--)
        {
            Use();
        }

        foreach (var (account, region, family) in from a in Accounts from r in Regions from f in Families select (a, r, f))
        {
            for (var revision = 1; random.Next(3) > 0 && revision < 7; revision++)
            {
                definitions.Add(new TaskDefinitionRecord(account, region, family, revision, random.Next(5) > 0, [Reference(), Reference()]));
            }
        }

        for (var i = random.Next(0, 5); i > 0; i--)
        {
            Pin();
        }

        var policies = new PolicySet(Override(), [new TeamPolicy("care", Override())], [new RepositoryPolicy(Pick(Names), Override())]);
        return new RandomWorld(new Inventory([.. repositories], [.. uses], [.. definitions]), [.. pins], policies, used, pinned);
    }

    private RepositoryRecord Repository(RepositoryKey key)
    {
        var anchor = Clock.DaysAgo(random.Next(0, 300));
        var images = new List<ImageRecord>();
        var tags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = random.Next(0, 16); i >= 0; i--)
        {
            var image = new ImageRecord
            {
                Digest = Digests.Of($"{seed}/{key}/{i}"),
                PushedAt = anchor - TimeSpan.FromHours(random.Next(0, 24 * 80)),
                SizeBytes = random.Next(0, 10_000),
                LastPulledAt = random.Next(3) == 0 ? Clock.Now - TimeSpan.FromHours(random.Next(-48, 24 * 40)) : null,
                Status = random.Next(8) == 0 ? ImageStatus.Archived : ImageStatus.Active,
                Layers = random.Next(2) == 0 ? null : [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Layer())],
            };
            var kind = images.Count == 0 ? 0 : random.Next(10);
            image = kind switch
            {
                < 6 => image with { Tags = NewTags(tags, random.Next(-1, 3)) },
                < 8 => image with
                {
                    Manifests = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(6) == 0 ? Digests.Of("missing") : Pick(images).Digest).Distinct()],
                    MediaType = ImageRecord.IndexMediaType,
                    Layers = null,
                    Tags = NewTags(tags, random.Next(-1, 2)),
                },
                _ => Attach(image, Pick(images).Digest, tags),
            };
            images.Add(image);
        }

        return new RepositoryRecord(key, Pick(["care", "ops", "unassigned"]), images);
    }

    private ImageRecord Attach(ImageRecord artifact, string subject, HashSet<string> tags)
    {
        var tag = $"sha256-{subject["sha256:".Length..]}{Pick(Suffixes)}";
        return random.Next(2) == 0 || !tags.Add(tag) ? artifact with { Subject = subject } : artifact with { Tags = [tag] };
    }

    private string[] NewTags(HashSet<string> taken, int count) =>
        [.. Enumerable.Range(0, Math.Max(count, 0))
            .Select(_ => Pick(["latest", "stable", $"v{random.Next(20)}", $"release-{random.Next(9)}", $"prod-{random.Next(9)}", $"V{random.Next(9)}"]))
            .Where(taken.Add)];

    private Layer Layer() => new(Digests.Of($"layer/{random.Next(12)}"), random.Next(1, 5_000));

    /// <summary>A use of a random image: most name it (recorded in <c>used</c>), some name nothing.</summary>
    private void Use()
    {
        var site = new EcsSite(
            Pick(Accounts), Pick(Regions), "main", random.Next(2) == 0 ? "svc" : null, null, Pick(Families), random.Next(1, 7));
        site = site.Service is null || random.Next(2) == 0 ? site with { TaskId = $"task-{uses.Count}" } : site;
        var repository = Pick(repositories);
        var image = Pick(repository.Images);
        var host = Host(repository.Key);
        var name = repository.Key.Name;
        var (reference, reported, protects) = random.Next(6) switch
        {
            0 when image.Tags.Count > 0 => ($"{host}/{name}:{image.Tags[0]}", null, true),
            0 or 1 => ($"{host}/{name}@{image.Digest}", null, true),
            2 => ($"{host}/{name}:{Pick(["latest", "stable", "v1"])}", image.Digest, true),
            3 => ($"{Pick(["docker.io", "ghcr.io", "public.ecr.aws"])}/{name}:latest", image.Digest, false),
            4 => ($"{host}/{name}:{image.Tags.FirstOrDefault() ?? "latest"}@{Digests.Of("missing")}", (string?)null, false),
            _ => ($"{Host(repository.Key with { AccountId = "999999999999" })}/{name}@{image.Digest}", image.Digest, false),
        };
        uses.Add(new ImageUse(reference, reported, site));
        if (protects)
        {
            used.Add((repository.Key, image.Digest));
        }
    }

    /// <summary>A task definition's reference to a random image, by its first tag or by digest.</summary>
    private string Reference()
    {
        var repository = Pick(repositories);
        var image = Pick(repository.Images);
        return image.Tags.Count == 0 || random.Next(3) == 0
            ? $"{Ecr.Host(repository.Key.AccountId, repository.Key.Region)}/{repository.Key.Name}@{image.Digest}"
            : $"{Ecr.Host(repository.Key.AccountId, repository.Key.Region)}/{repository.Key.Name}:{image.Tags[0]}";
    }

    private void Pin()
    {
        var repository = Pick(repositories);
        var image = Pick(repository.Images);
        DateTimeOffset? expires = Pick<DateTimeOffset?>([null, Clock.DaysLater(random.Next(1, 30)), Clock.Now, Clock.DaysAgo(random.Next(1, 30))]);
        var key = random.Next(6) == 0 ? repository.Key with { Region = "eu-west-1" } : repository.Key;
        pins.Add(new Pin(key, image.Digest, expires));
        if ((expires is null || expires > Clock.Now) && key == repository.Key)
        {
            pinned.Add((key, image.Digest));
        }
    }

    private string Host(RepositoryKey key) => random.Next(6) switch
    {
        0 => $"{key.AccountId}.dkr.ecr-fips.{key.Region}.amazonaws.com",
        1 => $"{key.AccountId}.dkr-ecr.{key.Region}.on.aws",
        2 => $"{key.AccountId}.dkr-ecr-fips.{key.Region}.on.aws",
        3 => $"{key.AccountId}.DKR.ECR.{key.Region.ToUpperInvariant()}.AMAZONAWS.COM",
        4 => $"{key.AccountId}.dkr.ecr.{key.Region}.amazonaws.com:443",
        _ => Ecr.Host(key.AccountId, key.Region),
    };

    private PolicyOverride Override() => new()
    {
        WindowDays = Pick<int?>([null, 0, 7, 30, 90]),
        DeleteUntagged = Pick<bool?>([null, true, false]),
        KeepNewest = Pick<int?>([null, 0, 1, 3]),
        KeepPulledWithinDays = Pick<int?>([null, 0, 7, 30]),
        KeepTagPatterns = Pick<IReadOnlyList<TagPattern>?>([null, [], [new("release-*")], [new("v?"), new("prod-*")]]),
        KeepRollbackRevisions = Pick<int?>([null, 0, 1, 2]),
        Excluded = random.Next(12) == 0 ? true : null,
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
