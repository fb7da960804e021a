using System.Text;
using EcrCurator.Worlds;

namespace EcrCurator.Domain.Tests.WorldFiles;

public class WorldFileTests
{
    private const string Header = """
        {
          "accounts": [
            {
              "accountId": "111111111111",
              "region": "ap-northeast-1",

        """;

    private static WorldFormatException Refusal(string json) =>
        Assert.Throws<WorldFormatException>(() => WorldFile.Parse(Encoding.UTF8.GetBytes(json), "test.world.json"));

    [Fact]
    public void ReadsARepositorysLifecyclePolicyAndWhenItsImagesWereArchivedAndRestored()
    {
        var world = WorldFile.Parse(Encoding.UTF8.GetBytes(Header + """
                  "repositories": [
                    { "name": "care/api", "lifecyclePolicy": "{\"rules\": []}",
                      "images": [
                        { "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "pushedAt": "2026-01-01T00:00:00Z",
                          "imageStatus": "ARCHIVED", "lastArchivedAt": "2026-03-01T00:00:00Z", "lastActivatedAt": "2026-02-01T00:00:00Z" } ] }
                  ]
                }
              ]
            }
            """), "test.world.json");

        var repository = Assert.Single(WorldInventory.From(world, TeamRules.Default).Repositories);
        Assert.Equal("""{"rules": []}""", repository.LifecyclePolicy);
        var image = Assert.Single(repository.Images);
        Assert.Equal((ImageStatus.Archived, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
            (image.Status, image.LastArchivedAt, image.LastActivatedAt));
    }

    [Theory]
    [InlineData(""" "lifecyclePolicy": "", "images": [] """, "the lifecycle policy is empty")]
    [InlineData(""" "images": [ { "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "pushedAt": "2026-01-01T00:00:00Z", "lastArchivedAt": "2026-03-01T09:00:00+09:00" } ] """, "times must be UTC")]
    public void RefusesAnEmptyLifecyclePolicyAndArchiveTimesThatAreNotUtc(string repository, string problem)
    {
        var error = Refusal(Header + $$"""
                  "repositories": [ { "name": "care/api", {{repository}} } ]
                }
              ]
            }
            """);

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void NamesTheLineOfAJsonSyntaxError()
    {
        var error = Refusal(Header + "      \"repositories\": [ { \"name\": \"a\", } ,, ]\n    }\n  ]\n}\n");

        Assert.Equal(6, error.Line);
        Assert.StartsWith("test.world.json line 6:", error.Message);
    }

    [Fact]
    public void NamesTheLineOfAFieldTheFormatDoesNotHave()
    {
        var error = Refusal(Header + "      \"repositoryz\": []\n    }\n  ]\n}\n");

        Assert.Equal(6, error.Line);
        Assert.Contains("repositoryz", error.Message);
    }

    [Fact]
    public void NamesTheLineOfAMissingRequiredField()
    {
        var error = Refusal(Header + "      \"repositories\": [\n        { \"images\": [] }\n      ]\n    }\n  ]\n}\n");

        Assert.Equal(7, error.Line);
        Assert.Contains("name", error.Message);
    }

    [Fact]
    public void NamesTheLineOfATaskDefinitionThatIsReferencedButNotListed()
    {
        var error = Refusal(Header + """
                  "clusters": [
                    { "name": "prod",
                      "tasks": [
                        { "id": "t1",
                          "taskDefinition": "missing:1" }
                      ] }
                  ]
                }
              ]
            }
            """);

        Assert.Equal(10, error.Line);
        Assert.Contains("task definition 'missing:1' is referenced but not listed", error.Message);
    }

    [Fact]
    public void NamesTheLineOfATagOnTwoImagesOfOneRepository()
    {
        var error = Refusal(Header + """
                  "repositories": [ { "name": "a", "images": [
                    { "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "tags": ["v1"], "pushedAt": "2026-01-01T00:00:00Z" },
                    { "digest": "sha256:2222222222222222222222222222222222222222222222222222222222222222", "tags": ["v1"], "pushedAt": "2026-01-02T00:00:00Z" }
                  ] } ]
                }
              ]
            }
            """);

        Assert.Equal(8, error.Line);
        Assert.Contains("tag 'v1' is on two images of a", error.Message);
    }

    [Fact]
    public void RefusesTimesThatAreNotUtc()
    {
        var error = Refusal(Header + """
                  "repositories": [ { "name": "a", "images": [
                    { "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "pushedAt": "2026-01-01T09:00:00+09:00" }
                  ] } ]
                }
              ]
            }
            """);

        Assert.Equal(7, error.Line);
        Assert.Contains("UTC", error.Message);
    }

    [Fact]
    public void RoundTripsAnExampleWorldThroughWriteAndRead()
    {
        var world = WorldFile.Read(Path.Combine(AppContext.BaseDirectory, "Worlds", "attachments.world.json"));
        using var stream = new MemoryStream();

        WorldFile.Write(world, stream);
        var again = WorldFile.Parse(stream.ToArray());

        Assert.Equal(
            world.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images).Select(image => (image.Digest, image.Subject, image.PushedAt)),
            again.Accounts.SelectMany(account => account.Repositories).SelectMany(repository => repository.Images).Select(image => (image.Digest, image.Subject, image.PushedAt)));
    }
}
