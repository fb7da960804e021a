using EcrCurator.AwsSimulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>ECR's archive: UpdateImageStorageClass, statuses with their times, and what archived images answer.</summary>
public sealed class EcrArchiveTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly FakeTimeProvider time = new(Start);
    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync()
    {
        simulator = await RunningSimulator.StartAsync(Standard(), time: time);
        Assert.Equal(200, (await simulator.SendAsync(HttpMethod.Put, "archive", new { restoreSeconds = 60 })).Status);
    }

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    private Task<AwsAnswer> Ecr(string operation, object input) => simulator.Aws().Ecr(operation, input);

    private async Task<System.Text.Json.Nodes.JsonNode> DescribeAsync(string name) =>
        (await Ecr("DescribeImages", new { repositoryName = "care/api", imageIds = new object[] { new { imageDigest = Digest(name) } } })).Ok().List("imageDetails").Single();

    [Fact]
    public async Task ArchivesOneImageAndListsItOnlyWhenAskedForArchivedOrAnyImages()
    {
        time.Advance(TimeSpan.FromMinutes(5));
        var answer = (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "v1" }, targetStorageClass = "ARCHIVE" })).Ok();

        Assert.Equal("ARCHIVED", answer.Json!["imageStatus"]!.GetValue<string>());
        Assert.Equal(Digest("care-v1"), answer.Json["imageId"]!["imageDigest"]!.GetValue<string>());
        var v1 = await DescribeAsync("care-v1");
        Assert.Equal("ARCHIVED", v1["imageStatus"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeSeconds(), v1["lastArchivedAt"]!.GetValue<long>());
        var active = (await Ecr("DescribeImages", new { repositoryName = "care/api" })).Ok().List("imageDetails");
        var archived = (await Ecr("DescribeImages", new { repositoryName = "care/api", filter = new { imageStatus = "ARCHIVED" } })).Ok().List("imageDetails");
        Assert.DoesNotContain(active, image => image["imageDigest"]!.GetValue<string>() == Digest("care-v1"));
        Assert.Equal([Digest("care-archived"), Digest("care-v1")], archived.Select(image => image["imageDigest"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task AnswersImageInaccessibleForTheManifestOfAnArchivedImageAndStillDeletesIt()
    {
        await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "latest" }, targetStorageClass = "ARCHIVE" });

        var got = (await Ecr("BatchGetImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "latest" }, new { imageTag = "v1" } } })).Ok();
        var failure = got.List("failures").Single();
        Assert.Equal(("ImageInaccessible", "latest"), (failure["failureCode"]!.GetValue<string>(), failure["imageId"]!["imageTag"]!.GetValue<string>()));
        Assert.Single(got.List("images"));

        var child = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageDigest = Digest("care-v2-amd64") } } })).Ok();
        Assert.Equal("ImageReferencedByManifestList", child.List("failures").Single()["failureCode"]!.GetValue<string>());
        var deleted = (await Ecr("BatchDeleteImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageDigest = Digest("care-v2") } } })).Ok();
        Assert.Empty(deleted.List("failures"));
    }

    [Fact]
    public async Task RestoresInTheConfiguredTimeActivatingUntilThen()
    {
        var restoring = (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageDigest = Digest("care-archived") }, targetStorageClass = "STANDARD" })).Ok();
        Assert.Equal("ACTIVATING", restoring.Json!["imageStatus"]!.GetValue<string>());
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("ACTIVATING", (await DescribeAsync("care-archived"))["imageStatus"]!.GetValue<string>());
        var activating = (await Ecr("DescribeImages", new { repositoryName = "care/api", filter = new { imageStatus = "ACTIVATING" } })).Ok().List("imageDetails");
        Assert.Equal(Digest("care-archived"), activating.Single()["imageDigest"]!.GetValue<string>());
        Assert.Equal("ImageInaccessible", (await Ecr("BatchGetImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v0" } } })).Ok().List("failures").Single()["failureCode"]!.GetValue<string>());
        var again = (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "v0" }, targetStorageClass = "STANDARD" })).Ok();
        Assert.Equal("ACTIVATING", again.Json!["imageStatus"]!.GetValue<string>());

        time.Advance(TimeSpan.FromSeconds(30));

        var restored = await DescribeAsync("care-archived");
        Assert.Equal("ACTIVE", restored["imageStatus"]!.GetValue<string>());
        Assert.Equal(Start.AddSeconds(60).ToUnixTimeSeconds(), restored["lastActivatedAt"]!.GetValue<long>());
        Assert.Equal(Pushed.ToUnixTimeSeconds(), restored["imagePushedAt"]!.GetValue<long>());
        Assert.Single((await Ecr("BatchGetImage", new { repositoryName = "care/api", imageIds = new object[] { new { imageTag = "v0" } } })).Ok().List("images"));
    }

    [Fact]
    public async Task RefusesTransitionsAnImageIsNotInAStateFor()
    {
        (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "v1" }, targetStorageClass = "STANDARD" })).Fails("ImageStorageClassUpdateNotSupportedException");
        (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "v0" }, targetStorageClass = "ARCHIVE" })).Fails("ImageStorageClassUpdateNotSupportedException");
        (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "v1" }, targetStorageClass = "GLACIER" })).Fails("InvalidParameterException");
        (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", imageId = new { imageTag = "nope" }, targetStorageClass = "ARCHIVE" })).Fails("ImageNotFoundException");
        (await Ecr("UpdateImageStorageClass", new { repositoryName = "care/api", targetStorageClass = "ARCHIVE" })).Fails("InvalidParameterException");
    }

    [Fact]
    public async Task APullOfAnArchivedImageFailsAndAPushRestoresItAtOnce()
    {
        var refused = await simulator.PostAsync("pull", new { repository = "care/api", tag = "v0" });
        var pulled = await simulator.PostAsync("pull", new { repository = "care/api", tag = "v1" });

        Assert.Equal(404, refused.Status);
        Assert.Contains("ARCHIVED", refused.Body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, pulled.Status);
        Assert.Equal(Start.ToUnixTimeSeconds(), (await DescribeAsync("care-v1"))["lastRecordedPullTime"]!.GetValue<long>());

        time.Advance(TimeSpan.FromMinutes(1));
        var pushed = await simulator.PostAsync("images", new { repository = "care/api", image = new { digest = Digest("care-archived"), tags = new[] { "v0" }, pushedAt = Pushed, sizeBytes = 1000 } });
        Assert.Equal(200, pushed.Status);
        var restored = await DescribeAsync("care-archived");
        Assert.Equal("ACTIVE", restored["imageStatus"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(1).ToUnixTimeSeconds(), restored["lastActivatedAt"]!.GetValue<long>());
        Assert.Equal(200, (await simulator.PostAsync("pull", new { repository = "care/api", digest = Digest("care-archived") })).Status);
    }
}
