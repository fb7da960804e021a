using System.Security.Cryptography;
using System.Text;
using EcrCurator.Worlds;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// Account A's registry holds shared/base; a task in account B runs one of its old images. B is reached through
/// an assumed role with an external id.
/// </summary>
public static class CrossAccountWorld
{
    public const string Registry = "111111111111";
    public const string Other = "222222222222";
    public const string Region = "ap-northeast-1";

    public static readonly string RunElsewhere = Digest("run-elsewhere");
    public static readonly string RunNowhere = Digest("run-nowhere");
    public static readonly string Newest = Digest("newest");

    public static readonly string[] Configuration =
    [
        $"--Curator:Registries:0:AccountId={Registry}", $"--Curator:Registries:0:Region={Region}",
        $"--Curator:UsageSources:0:AccountId={Other}", $"--Curator:UsageSources:0:Region={Region}",
        $"--Curator:UsageSources:0:RoleArn=arn:aws:iam::{Other}:role/ecr-curator", "--Curator:UsageSources:0:ExternalId=curator-external",
    ];

    public static readonly string[] OtherAsRegistry =
    [
        $"--Curator:Registries:1:AccountId={Other}", $"--Curator:Registries:1:Region={Region}",
        $"--Curator:Registries:1:RoleArn=arn:aws:iam::{Other}:role/ecr-curator", "--Curator:Registries:1:ExternalId=curator-external",
    ];

    public static World Create() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Registry,
                Region = Region,
                Repositories =
                [
                    new WorldRepository
                    {
                        Name = "shared/base",
                        Tags = new Dictionary<string, string> { ["team"] = "platform" },
                        Images = [Image(Newest, "2.0", "2026-11-20"), Image(RunElsewhere, "1.0", "2026-06-01"), Image(RunNowhere, "0.9", "2026-05-01")],
                    },
                ],
            },
            new WorldAccount
            {
                AccountId = Other,
                Region = Region,
                Repositories = [new WorldRepository { Name = "other/tool", Images = [Image(Digest("tool"), "1", "2026-11-01")] }],
                TaskDefinitions =
                [
                    new WorldTaskDefinition
                    {
                        Family = "worker",
                        Revision = 1,
                        Containers = [new WorldContainerDefinition("app", $"{Registry}.dkr.ecr.{Region}.amazonaws.com/shared/base:1.0")],
                    },
                ],
                Clusters =
                [
                    new WorldCluster
                    {
                        Name = "jobs",
                        Tasks =
                        [
                            new WorldTask
                            {
                                Id = "4b7c0d1e2f3a",
                                TaskDefinition = "worker:1",
                                Containers = [new WorldContainer("app", $"{Registry}.dkr.ecr.{Region}.amazonaws.com/shared/base:1.0") { ImageDigest = RunElsewhere }],
                            },
                        ],
                    },
                ],
            },
        ],
    };

    /// <summary>An image of 1,000 bytes with one tag, pushed at midnight UTC of a day (<c>2026-06-01</c>).</summary>
    internal static WorldImage Image(string digest, string tag, string pushed) => new()
    {
        Digest = digest,
        Tags = [tag],
        PushedAt = DateTimeOffset.Parse(pushed + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        SizeBytes = 1000,
    };

    internal static string Digest(string name) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
