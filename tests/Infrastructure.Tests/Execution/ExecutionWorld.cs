using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>shop/web: two old candidates and a recent image; a task definition that names the older candidate's tag.</summary>
public static class ExecutionWorld
{
    public const string RepositoryName = "shop/web";
    public static readonly string Old = Digest("old");
    public static readonly string Older = Digest("older");
    public static readonly string Recent = Digest("recent");
    public static readonly string Reference = $"{Account}.dkr.ecr.{Region}.amazonaws.com/{RepositoryName}:1";

    public static World Create() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories = [SnapshotWorlds.Repository(RepositoryName, Image("old", "1", "2026-05-01"), Image("older", "0", "2026-04-01"), Image("recent", "2", "2026-11-20"))],
                TaskDefinitions = [new WorldTaskDefinition { Family = "web", Revision = 1, Containers = [new WorldContainerDefinition("app", Reference)] }],
            },
        ],
    };

    /// <summary>platform/agent: an old multi-arch index (tagged) over two untagged children, and a recent image.</summary>
    public static World MultiArch() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories =
                [
                    SnapshotWorlds.Repository(
                        "platform/agent",
                        Image("amd64", "x", "2026-05-01") with { Tags = [] },
                        Image("arm64", "y", "2026-05-01") with { Tags = [] },
                        Image("index", "v1", "2026-05-01") with { MediaType = "application/vnd.oci.image.index.v1+json", Manifests = [Digest("amd64"), Digest("arm64")], Layers = null },
                        Image("recent", "v2", "2026-11-20")),
                ],
            },
        ],
    };
}
