using EcrCurator.Domain;
using EcrCurator.Infrastructure.Tests.Snapshots;
using EcrCurator.Worlds;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Quarantine;

/// <summary>shop/api under a Quarantine policy: what the tests of quarantines and restores read and change.</summary>
public static class QuarantineWorld
{
    public const string Name = "shop/api";

    /// <summary>The configuration of a repository quarantined instead of deleted, its restores followed quickly.</summary>
    public static readonly string[] QuarantineSettings = ["--Curator:Policy:Action=Quarantine", "--Curator:Quarantine:RestorePollSeconds=0.2"];

    public static readonly RepositoryKey Key = new(Account, Region, Name);

    public static World Of(params WorldImage[] images) => new()
    {
        Accounts = [new WorldAccount { AccountId = Account, Region = Region, Repositories = [Repository(Name, images)] }],
    };

    /// <summary>An old image tagged <paramref name="tag"/>, its cosign signature (a <c>sha256-….sig</c> tag) and an SBOM referring to it.</summary>
    public static WorldImage[] Signed(string name, string tag) =>
    [
        Image(name, tag, "2026-05-01"),
        Image($"{name}-sig", Digest(name).Replace(':', '-') + ".sig", "2026-05-01"),
        Image($"{name}-sbom", "unused", "2026-05-01") with { Tags = [], Subject = Digest(name), ArtifactMediaType = "application/spdx+json" },
    ];

    /// <summary>An old multi-architecture index tagged <paramref name="tag"/> over untagged <paramref name="children"/>.</summary>
    public static WorldImage[] MultiArch(string name, string tag, params string[] children) =>
    [
        .. children.Select(child => Image(child, "unused", "2026-05-01") with { Tags = [] }),
        Image(name, tag, "2026-05-01") with { MediaType = "application/vnd.oci.image.index.v1+json", Manifests = [.. children.Select(Digest)], Layers = null },
    ];

    /// <summary>Each image of the simulator's world by digest, as ECR reports it now.</summary>
    public static async Task<IReadOnlyDictionary<string, WorldImage>> ImagesAsync(this SnapshotHarness harness)
    {
        var world = WorldFile.Parse(await harness.Control.GetByteArrayAsync("world", TestContext.Current.CancellationToken));
        return world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images).ToDictionary(image => image.Digest);
    }

    public static string StatusOf(this IReadOnlyDictionary<string, WorldImage> images, string name) => images[Digest(name)].ImageStatus ?? "ACTIVE";
}
