using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcrCurator.Worlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>Two repositories, each with an old image (a candidate) and a recent one, and nothing running.</summary>
public static class SnapshotWorlds
{
    public const string Account = "111111111111";
    public const string Region = "ap-northeast-1";

    public static World TwoRepositories() => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = Region,
                Repositories =
                [
                    Repository("a/one", Image("a-old", "1", "2026-05-01"), Image("a-new", "2", "2026-11-20")),
                    Repository("b/two", Image("b-old", "1", "2026-05-01"), Image("b-new", "2", "2026-11-20")),
                ],
            },
        ],
    };

    public static WorldRepository Repository(string name, params WorldImage[] images) =>
        new() { Name = name, Tags = new Dictionary<string, string> { ["team"] = name.Split('/')[0] }, Images = images };

    public static WorldImage Image(string name, string tag, string pushed) => new()
    {
        Digest = Digest(name),
        Tags = [tag],
        PushedAt = DateTimeOffset.Parse(pushed + "T00:00:00Z", CultureInfo.InvariantCulture),
        SizeBytes = 1000,
        Layers = [new WorldLayer(Digest(name + "/layer"), 1000)],
    };

    public static string Digest(string name) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
