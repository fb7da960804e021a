using System.Security.Cryptography;
using System.Text;
using EcrCurator.Domain;

namespace EcrCurator.Benchmarks;

/// <summary>
/// A deterministic organisation: repositories of images sharing base layers, a tenth of them multi-arch indexes
/// with two children, signatures, and usage references by tag and by digest from tasks and services.
/// </summary>
public static class GeneratedInventory
{
    private const string Region = "ap-northeast-1";
    private static readonly DateTimeOffset Newest = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static Inventory Create(int repositories, int imagesPerRepository, int uses, int seed = 7)
    {
        var random = new Random(seed);
        var records = new RepositoryRecord[repositories];
        var definitions = new List<TaskDefinitionRecord>();
        var allUses = new List<ImageUse>(uses);
        for (var r = 0; r < repositories; r++)
        {
            var account = (111111111111L + r % 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = $"team{r % 40}/service{r}";
            records[r] = new RepositoryRecord(new RepositoryKey(account, Region, name), $"team{r % 40}", Images(r, imagesPerRepository, random));
            var host = $"{account}.dkr.ecr.{Region}.amazonaws.com/{name}";
            for (var revision = 1; revision <= 3; revision++)
            {
                definitions.Add(new TaskDefinitionRecord(account, Region, $"service{r}", revision, true, [$"{host}:v{imagesPerRepository - revision}"]));
            }
        }

        for (var u = 0; u < uses; u++)
        {
            var repository = records[random.Next(repositories)];
            var image = repository.Images[random.Next(repository.Images.Count)];
            var host = $"{repository.Key.AccountId}.dkr.ecr.{Region}.amazonaws.com/{repository.Key.Name}";
            var reference = image.Tags.Count > 0 && u % 2 == 0 ? $"{host}:{image.Tags[0]}" : $"{host}@{image.Digest}";
            var site = new EcsSite(repository.Key.AccountId, Region, "prod", u % 4 == 0 ? "svc" : null, u % 4 == 0 ? null : $"task{u}", repository.Key.Name.Split('/')[1], 3);
            allUses.Add(new ImageUse(reference, image.Digest, site));
        }

        return new Inventory(records, allUses, definitions);
    }

    /// <summary>
    /// The same inventory with a lifecycle policy on every repository, in turn: keep the newest 10 images; expire untagged
    /// images after 14 days; that and keep the newest 5 <c>v*</c> releases; archive what was not pulled for 30 days and
    /// expire what was archived a year ago.
    /// </summary>
    public static Inventory WithLifecyclePolicies(Inventory inventory) => new(
        [.. inventory.Repositories.Select((repository, r) => repository with { LifecyclePolicy = Policies[r % Policies.Length] })],
        inventory.Uses,
        inventory.TaskDefinitions);

    private static readonly string[] Policies =
    [
        """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}""",
        """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}""",
        """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},"""
        + """{"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}""",
        """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},"action":{"type":"transition","targetStorageClass":"archive"}},"""
        + """{"rulePriority":2,"selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned","countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}""",
    ];

    private static ImageRecord[] Images(int repository, int count, Random random)
    {
        var images = new ImageRecord[count];
        var baseLayer = new Layer(Digest($"base{repository % 50}"), 30_000_000);
        for (var i = 0; i < count; i++)
        {
            var digest = Digest($"{repository}/{i}");
            var pushedAt = Newest.AddHours(-12 * (count - i) - random.Next(12));
            var tagged = random.Next(10) < 7;
            if (i % 10 == 9 && i >= 2)
            {
                // Every tenth image is an index over the two images before it.
                images[i] = new ImageRecord
                {
                    Digest = digest, Tags = [$"v{i}"], PushedAt = pushedAt, SizeBytes = images[i - 1].SizeBytes,
                    MediaType = ImageRecord.IndexMediaType, Manifests = [images[i - 1].Digest, images[i - 2].Digest],
                };
                continue;
            }

            images[i] = new ImageRecord
            {
                Digest = digest,
                Tags = i % 20 == 5 ? [$"sha256-{images[i - 1].Digest[7..]}.sig"] : tagged ? [$"v{i}"] : [],
                PushedAt = pushedAt,
                SizeBytes = 50_000_000,
                LastPulledAt = random.Next(4) == 0 ? Newest.AddDays(-random.Next(60)) : null,
                Layers = [baseLayer, new Layer(Digest($"{repository}/{i}/app"), 20_000_000)],
            };
        }

        return images;
    }

    private static string Digest(string seed) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
