using System.Text.Json.Nodes;
using EcrCurator.AwsSimulator.Tests.Support;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>ECR over JSON 1.1: pages, filters, batch limits, errors, manifests and deletions as ECR answers them.</summary>
public sealed class EcrTests : IAsyncLifetime
{
    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync() => simulator = await RunningSimulator.StartAsync(Standard());

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    private Task<AwsAnswer> Ecr(string operation, object input) => simulator.Aws().Ecr(operation, input);

    [Fact]
    public async Task PagesRepositoriesByOneHundredByDefaultWithAnOpaqueToken()
    {
        var first = (await Ecr("DescribeRepositories", new { })).Ok();
        var second = (await Ecr("DescribeRepositories", new { nextToken = first.NextToken })).Ok();

        Assert.Equal((100, 7), (first.List("repositories").Count, second.List("repositories").Count));
        Assert.DoesNotContain("repositor", first.NextToken!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(second.NextToken);
        Assert.Equal(107, first.List("repositories").Concat(second.List("repositories")).Select(r => r["repositoryName"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task RefusesAPageSizeOutsideOneToOneThousand(int maxResults)
    {
        (await Ecr("DescribeRepositories", new { maxResults })).Fails("InvalidParameterException");
        (await Ecr("DescribeImages", new { repositoryName = "paging/many", maxResults })).Fails("InvalidParameterException");
    }

    [Fact]
    public async Task RefusesAnUnknownToken() =>
        (await Ecr("DescribeImages", new { repositoryName = "paging/many", nextToken = "bm90LWEtdG9rZW4" })).Fails("InvalidParameterException");

    [Fact]
    public async Task DescribesRepositoriesByNameAndFailsOnAMissingOne()
    {
        var found = (await Ecr("DescribeRepositories", new { repositoryNames = new[] { "care/api" } })).Ok().List("repositories").Single();
        var missing = (await Ecr("DescribeRepositories", new { repositoryNames = new[] { "care/api", "nope" } })).Fails("RepositoryNotFoundException");

        Assert.Equal("arn:aws:ecr:ap-northeast-1:111111111111:repository/care/api", found["repositoryArn"]!.GetValue<string>());
        Assert.Equal("111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/care/api", found["repositoryUri"]!.GetValue<string>());
        Assert.Equal(1704067200, found["createdAt"]!.GetValue<long>());
        Assert.Contains("'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("RepositoryNotFoundException", missing.ErrorType);
    }

    [Fact]
    public async Task ListsTheTagsOfARepository()
    {
        var tags = (await Ecr("ListTagsForResource", new { resourceArn = "arn:aws:ecr:ap-northeast-1:111111111111:repository/care/api" })).Ok().List("tags");

        Assert.Equal(["team=care", "cost-center=42"], tags.Select(tag => $"{tag["Key"]}={tag["Value"]}"));
        (await Ecr("ListTagsForResource", new { resourceArn = "arn:aws:ecr:ap-northeast-1:111111111111:repository/nope" })).Fails("RepositoryNotFoundException");
        (await Ecr("ListTagsForResource", new { resourceArn = "not-an-arn" })).Fails("InvalidParameterException");
    }

    [Theory]
    [InlineData(null, null, 245)]
    [InlineData("TAGGED", null, 120)]
    [InlineData("UNTAGGED", null, 125)]
    [InlineData(null, "ARCHIVED", 5)]
    [InlineData("ANY", "ANY", 250)]
    public async Task FiltersImagesByTagStatusAndImageStatusAcrossPages(string? tagStatus, string? imageStatus, int expected)
    {
        var digests = new List<string>();
        string? token = null;
        do
        {
            var page = (await Ecr("DescribeImages", new { repositoryName = "paging/many", maxResults = 40, nextToken = token, filter = new { tagStatus, imageStatus } })).Ok();
            Assert.True(page.List("imageDetails").Count <= 40);
            digests.AddRange(page.List("imageDetails").Select(image => image["imageDigest"]!.GetValue<string>()));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(expected, digests.Distinct().Count());
        Assert.Equal(expected, digests.Count);
    }

    [Fact]
    public async Task ReportsImagesWithEpochSecondTimestampsAndIndexSizes()
    {
        var images = (await Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v1" }, new { imageTag = "latest" } } })).Ok().List("imageDetails");

        var v1 = images.Single(image => image["imageTags"]!.AsArray().Any(tag => tag!.GetValue<string>() == "v1"));
        Assert.Equal(Pushed.AddDays(1).ToUnixTimeSeconds(), v1["imagePushedAt"]!.GetValue<long>());
        Assert.Equal($"{Pushed.AddDays(3).ToUnixTimeSeconds()}.25", v1["lastRecordedPullTime"]!.ToJsonString());
        var index = images.Single(image => image != v1);
        Assert.Equal(3000, index["imageSizeInBytes"]!.GetValue<long>());
        Assert.Null(index["artifactMediaType"]);
    }

    [Fact]
    public async Task FailsTheWholeCallWhenOneNamedImageIsMissing()
    {
        var answer = (await Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v1" }, new { imageTag = "missing" } } }))
            .Fails("ImageNotFoundException");

        Assert.Contains("imageTag:'missing'", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesMoreThanOneHundredImageIds()
    {
        var ids = Enumerable.Range(0, 101).Select(i => new { imageTag = $"t{i}" }).ToArray();

        (await Ecr("DescribeImages", new { repositoryName = "paging/many", imageIds = ids })).Fails("InvalidParameterException");
        (await Ecr("BatchGetImage", new { repositoryName = "paging/many", imageIds = ids })).Fails("InvalidParameterException");
        (await Ecr("BatchDeleteImage", new { repositoryName = "paging/many", imageIds = ids })).Fails("InvalidParameterException");
        (await Ecr("BatchDeleteImage", new { repositoryName = "paging/many", imageIds = Array.Empty<object>() })).Fails("InvalidParameterException");
    }

    [Fact]
    public async Task BuildsManifestsThatListChildrenLayersAndSubject()
    {
        var answer = (await Ecr("BatchGetImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "latest" }, new { imageDigest = Digest("care-sig") }, new { imageTag = "gone" } } })).Ok();

        var index = JsonNode.Parse(answer.List("images")[0]["imageManifest"]!.GetValue<string>())!;
        Assert.Equal([Digest("care-v2-amd64"), Digest("care-v2-arm64")], index["manifests"]!.AsArray().Select(m => m!["digest"]!.GetValue<string>()));
        Assert.Equal("latest", answer.List("images")[0]["imageId"]!["imageTag"]!.GetValue<string>());
        var signature = JsonNode.Parse(answer.List("images")[1]["imageManifest"]!.GetValue<string>())!;
        Assert.Equal(Digest("care-v1"), signature["subject"]!["digest"]!.GetValue<string>());
        Assert.Single(signature["layers"]!.AsArray());
        Assert.Equal("ImageNotFound", answer.List("failures").Single()["failureCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletesByTagOnlyTheTagUnlessItIsTheLast()
    {
        var untagged = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "latest" } } })).Ok();
        var deleted = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v1" } } })).Ok();

        Assert.Equal(Digest("care-v2"), untagged.List("imageIds").Single()["imageDigest"]!.GetValue<string>());
        (await Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v2" } } })).Ok();
        Assert.Equal("v1", deleted.List("imageIds").Single()["imageTag"]!.GetValue<string>());
        (await Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new object[] { new { imageDigest = Digest("care-v1") } } })).Fails("ImageNotFoundException");
    }

    [Fact]
    public async Task RefusesToDeleteAChildThatAnIndexStillLists()
    {
        var child = new { imageDigest = Digest("care-v2-amd64") };
        var refused = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { child } })).Ok();
        var inOrder = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageDigest = Digest("care-v2") }, child } })).Ok();

        Assert.Equal("ImageReferencedByManifestList", refused.List("failures").Single()["failureCode"]!.GetValue<string>());
        Assert.Empty(refused.List("imageIds"));
        Assert.Equal(["v2", "latest", null], inOrder.List("imageIds").Select(id => id["imageTag"]?.GetValue<string>()));
        Assert.Empty(inOrder.List("failures"));
    }

    [Fact]
    public async Task ReportsPerItemFailuresOfADeletion()
    {
        var answer = (await Ecr("BatchDeleteImage", new
        {
            repositoryName = "care/api",
            imageIds = new object[] { new { imageTag = "missing" }, new { imageDigest = "not-a-digest" }, new { }, new { imageDigest = Digest("care-v1"), imageTag = "latest" } },
        })).Ok();

        Assert.Equal(["ImageNotFound", "InvalidImageDigest", "MissingDigestAndTag", "ImageTagDoesNotMatchDigest"], answer.List("failures").Select(f => f["failureCode"]!.GetValue<string>()));
        Assert.Empty(answer.List("imageIds"));
    }

    [Fact]
    public async Task ReadsAnotherAccountsRegistryByRegistryId()
    {
        var own = (await simulator.Aws(AccountB).Ecr("DescribeRepositories", new { })).Ok();
        var other = (await simulator.Aws(AccountB).Ecr("DescribeRepositories", new { registryId = AccountA, maxResults = 1 })).Ok();

        Assert.Equal("b/own", own.List("repositories").Single()["repositoryName"]!.GetValue<string>());
        Assert.Equal(AccountA, other.List("repositories").Single()["registryId"]!.GetValue<string>());
        (await Ecr("DescribeRepositories", new { registryId = "12" })).Fails("InvalidParameterException");
    }
}
