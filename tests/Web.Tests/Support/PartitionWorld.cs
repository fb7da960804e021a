using EcrCurator.Worlds;
using static EcrCurator.Web.Tests.Support.CrossAccountWorld;

namespace EcrCurator.Web.Tests.Support;

/// <summary>
/// One account in one region of any partition: repository <c>app</c> holds a newest image, an old one a task runs
/// (named through a given registry host) and an old one nothing runs.
/// </summary>
public static class PartitionWorld
{
    public const string Account = "333333333333";

    public static readonly string Running = Digest("running");
    public static readonly string Unused = Digest("unused");

    /// <param name="host">The registry host the task's image reference names, e.g. <c>ACCOUNT.dkr-ecr.REGION.on.amazonwebservices.com.cn</c>.</param>
    public static World Create(string region, string host) => new()
    {
        Accounts =
        [
            new WorldAccount
            {
                AccountId = Account,
                Region = region,
                Repositories =
                [
                    new WorldRepository
                    {
                        Name = "app",
                        Images = [Image(Digest("newest"), "2.0", "2026-11-20"), Image(Running, "1.0", "2026-06-01"), Image(Unused, "0.9", "2026-05-01")],
                    },
                ],
                TaskDefinitions = [new WorldTaskDefinition { Family = "app", Revision = 1, Containers = [new WorldContainerDefinition("app", $"{host}/app:1.0")] }],
                Clusters =
                [
                    new WorldCluster
                    {
                        Name = "prod",
                        Tasks = [new WorldTask { Id = "5c8d1e2f3a4b", TaskDefinition = "app:1", Containers = [new WorldContainer("app", $"{host}/app:1.0") { ImageDigest = Running }] }],
                    },
                ],
            },
        ],
    };

    /// <summary>The configuration that curates the account's registry in <paramref name="region"/>, through <paramref name="roleArn"/> if given.</summary>
    public static string[] Configuration(string region, string? roleArn = null) =>
    [
        $"--Curator:Registries:0:AccountId={Account}", $"--Curator:Registries:0:Region={region}",
        .. roleArn is null ? Array.Empty<string>() : [$"--Curator:Registries:0:RoleArn={roleArn}"],
    ];
}
