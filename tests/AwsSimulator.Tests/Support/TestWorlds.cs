using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.Worlds;

namespace EcrCurator.AwsSimulator.Tests.Support;

/// <summary>
/// The world the wire tests and the official-SDK test serve: enough of everything to cross every page size and batch
/// limit (105 bulk repositories, 250 images in one repository, 12 services and 105 tasks in one cluster), an index
/// with children, an attached signature, archived images, every deployment controller, and three accounts in four regions.
/// </summary>
internal static class TestWorlds
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string AccountChina = "333333333333";
    public const string Tokyo = "ap-northeast-1";
    public const string Virginia = "us-east-1";
    public const string Beijing = "cn-north-1";

    public static readonly DateTimeOffset Pushed = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Digest(string seed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static string Image(string repository, string tag, string account = AccountA) => $"{account}.dkr.ecr.{Tokyo}.amazonaws.com/{repository}:{tag}";

    public static World Standard() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = AccountA,
                Region = Tokyo,
                Repositories = [Care(), Many(), .. Enumerable.Range(0, 105).Select(Bulk)],
                TaskDefinitions =
                [
                    Definition("care-api", 1, "INACTIVE"), Definition("care-api", 2), Definition("care-api", 3), Definition("care-api", 4, "INACTIVE"),
                    Definition("worker", 1), Definition("bulk-svc", 1),
                ],
                Clusters = [Prod(), new WorldCluster { Name = "default" }],
                LambdaFunctions = [Resize(), Hook()],
            },
            new WorldAccount
            {
                AccountId = AccountA,
                Region = Virginia,
                Repositories = [new WorldRepository { Name = "east/only", Images = [Plain("east", ["v1"], 0)] }],
            },
            new WorldAccount
            {
                AccountId = AccountB,
                Region = Tokyo,
                Repositories = [new WorldRepository { Name = "b/own", Images = [Plain("b-own", ["v1"], 0)] }],
                TaskDefinitions = [new WorldTaskDefinition { Family = "shared", Revision = 1, Containers = [new("app", Image("care/api", "v1"))] }],
                Clusters =
                [
                    new WorldCluster
                    {
                        Name = "shared",
                        Tasks = [new WorldTask { Id = "b0000000000000000000000000000001", TaskDefinition = "shared:1", Containers = [new("app", Image("care/api", "v1")) { ImageDigest = Digest("care-v1") }] }],
                    },
                ],
                LambdaFunctions =
                [
                    new WorldLambdaFunction
                    {
                        Name = "cross",
                        Versions = [new WorldLambdaVersion { Version = "$LATEST", ImageUri = Image("care/api", "v2"), ResolvedImageUri = ImageAt("care/api", "care-v2") }],
                    },
                ],
            },
            new WorldAccount
            {
                AccountId = AccountChina,
                Region = Beijing,
                Repositories = [new WorldRepository { Name = "cn/app", Images = [Plain("cn", ["v1"], 0)] }],
            },
        ],
    };

    public static string ImageAt(string repository, string seed, string account = AccountA) => $"{account}.dkr.ecr.{Tokyo}.amazonaws.com/{repository}@{Digest(seed)}";

    /// <summary>
    /// resize: an Image function of 60 published versions (with $LATEST past one page of 50) on care/api, each published
    /// from :latest when it pointed at v1 (so their tag has moved since), $LATEST on :v2; aliases live (60), beta (59)
    /// and canary (1).
    /// </summary>
    private static WorldLambdaFunction Resize() => new()
    {
        Name = "resize",
        Versions =
        [
            new WorldLambdaVersion { Version = "$LATEST", ImageUri = Image("care/api", "v2"), ResolvedImageUri = ImageAt("care/api", "care-v2") },
            .. Enumerable.Range(1, 60).Select(i => new WorldLambdaVersion { Version = $"{i}", ImageUri = Image("care/api", "latest"), ResolvedImageUri = ImageAt("care/api", "care-v1") }),
        ],
        Aliases = [new("live", "60"), new("beta", "59"), new("canary", "1")],
    };

    /// <summary>hook: a Zip function, which runs no image.</summary>
    private static WorldLambdaFunction Hook() => new()
    {
        Name = "hook",
        PackageType = "Zip",
        Versions = [new WorldLambdaVersion { Version = "$LATEST" }, new WorldLambdaVersion { Version = "1" }],
        Aliases = [new("live", "1")],
    };

    /// <summary>care/api: v1 (signed), an index v2/latest with two children, an untagged old image, an archived one.</summary>
    private static WorldRepository Care() => new()
    {
        Name = "care/api",
        CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Tags = new Dictionary<string, string> { ["team"] = "care", ["cost-center"] = "42" },
        Images =
        [
            Plain("care-v1", ["v1"], 1) with { LastPulledAt = Pushed.AddDays(3).AddMilliseconds(250), Layers = [new(Digest("layer-base"), 1000), new(Digest("layer-v1"), 2000)] },
            new WorldImage { Digest = Digest("care-sig"), PushedAt = Pushed.AddDays(1).AddMinutes(1), SizeBytes = 700, MediaType = "application/vnd.oci.image.manifest.v1+json", ArtifactMediaType = "application/vnd.dev.cosign.artifact.sig.v1+json", Subject = Digest("care-v1") },
            new WorldImage { Digest = Digest("care-v2"), Tags = ["v2", "latest"], PushedAt = Pushed.AddDays(2), SizeBytes = 0, MediaType = "application/vnd.oci.image.index.v1+json", Manifests = [Digest("care-v2-amd64"), Digest("care-v2-arm64")] },
            Plain("care-v2-amd64", [], 2) with { SizeBytes = 3000, MediaType = "application/vnd.oci.image.manifest.v1+json" },
            Plain("care-v2-arm64", [], 2) with { SizeBytes = 2500, MediaType = "application/vnd.oci.image.manifest.v1+json" },
            Plain("care-old", [], 0),
            Plain("care-archived", ["v0"], 0) with { ImageStatus = "ARCHIVED" },
        ],
    };

    /// <summary>paging/many: 250 images; even ones tagged <c>t{i}</c>, every 50th archived.</summary>
    private static WorldRepository Many() => new()
    {
        Name = "paging/many",
        Images = [.. Enumerable.Range(0, 250).Select(i => Plain($"many-{i}", i % 2 == 0 ? [$"t{i}"] : [], i % 10) with { ImageStatus = i % 50 == 0 ? "ARCHIVED" : null })],
    };

    private static WorldRepository Bulk(int i) => new() { Name = $"bulk/r{i:D3}", Images = [Plain($"bulk-{i}", ["v1"], 0)] };

    public static WorldImage Plain(string seed, string[] tags, int day) => new()
    {
        Digest = Digest(seed),
        Tags = tags,
        PushedAt = Pushed.AddDays(day),
        SizeBytes = 1000 + seed.Length,
    };

    private static WorldTaskDefinition Definition(string family, int revision, string status = "ACTIVE") => new()
    {
        Family = family,
        Revision = revision,
        Status = status,
        Containers = family == "care-api"
            ? [new("app", AppImage(family, revision)), new("sidecar", Image("bulk/r000", "v1"))]
            : [new("app", AppImage(family, revision))],
    };

    private static string AppImage(string family, int revision) => family switch
    {
        "care-api" => Image("care/api", revision >= 3 ? "latest" : "v1"),
        "worker" => Image("paging/many", "t0"),
        _ => Image("bulk/r001", "v1"),
    };

    /// <summary>prod: care-api (rolling out from :2 to :3), a CODE_DEPLOY and an EXTERNAL service, a DRAINING and an INACTIVE one, svc-00…svc-11, and their tasks.</summary>
    private static WorldCluster Prod() => new()
    {
        Name = "prod",
        Services =
        [
            new WorldService
            {
                Name = "care-api", DesiredCount = 2,
                Deployments =
                [
                    new WorldDeployment { Status = "PRIMARY", TaskDefinition = "care-api:3", ImageDigests = [Digest("care-v2"), Digest("bulk-0")] },
                    new WorldDeployment { Status = "ACTIVE", TaskDefinition = "care-api:2", ImageDigests = [Digest("care-v1"), Digest("bulk-0")] },
                ],
            },
            new WorldService { Name = "blue-green", DesiredCount = 1, DeploymentController = "CODE_DEPLOY", Deployments = [new WorldDeployment { Status = "PRIMARY", TaskDefinition = "care-api:2" }] },
            new WorldService { Name = "external", DeploymentController = "EXTERNAL", Deployments = [new WorldDeployment { Status = "ACTIVE", TaskDefinition = "worker:1" }] },
            new WorldService { Name = "draining", Status = "DRAINING", Deployments = [new WorldDeployment { Status = "PRIMARY", TaskDefinition = "worker:1" }] },
            new WorldService { Name = "inactive", Status = "INACTIVE" },
            .. Enumerable.Range(0, 12).Select(i => new WorldService
            {
                Name = $"svc-{i:D2}", DesiredCount = i == 0 ? 105 : 0,
                Deployments = [new WorldDeployment { Status = "PRIMARY", TaskDefinition = "bulk-svc:1", ImageDigests = [Digest("bulk-1")] }],
            }),
        ],
        Tasks =
        [
            Task("care-1", "care-api:3", "RUNNING", "service:care-api", Digest("care-v2-amd64")),
            Task("care-2", "care-api:3", "RUNNING", "service:care-api", Digest("care-v2-arm64")),
            Task("care-3", "care-api:2", "RUNNING", "service:care-api", Digest("care-v1")),
            Task("care-pending", "care-api:3", "PENDING", "service:care-api", null),
            Task("care-stopped", "care-api:2", "STOPPED", "service:care-api", Digest("care-old")),
            Task("worker-1", "worker:1", "RUNNING", "family:worker", Digest("many-0")),
            .. Enumerable.Range(0, 105).Select(i => Task($"svc-{i:D3}", "bulk-svc:1", "RUNNING", "service:svc-00", Digest("bulk-1"))),
        ],
    };

    private static WorldTask Task(string name, string definition, string status, string group, string? digest) => new()
    {
        Id = TaskId(name),
        TaskDefinition = definition,
        LastStatus = status,
        Group = group,
        Containers = digest is null ? [] : [new WorldContainer("app", AppImage(definition.Split(':')[0], int.Parse(definition.Split(':')[1], CultureInfo.InvariantCulture))) { ImageDigest = digest }],
    };

    public static string TaskId(string name) => Digest(name)[7..39];
}
