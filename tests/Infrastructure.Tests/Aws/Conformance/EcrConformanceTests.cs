using System.Text.Json;
using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Aws.Ecr;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// Each ECR operation the product calls, run through this client with the inputs the official SDK was given
/// (captures/ecr-*.json): the same requests, validly signed, and the same values read from the same answers.
/// </summary>
public sealed class EcrConformanceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsDescribeRepositoriesExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-DescribeRepositories", DescribeRepositories);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryRepositoryOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, repositories) = await Conformance.RunAsync("ecr-DescribeRepositories", DescribeRepositories);
        JsonComparison.AssertReadTheSame(capture.AllPages("repositories"), repositories, "DescribeRepositories");
    }

    [Fact]
    public async Task SendsListTagsForResourceExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-ListTagsForResource", ListTags);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsRepositoryTagsWithTheirCapitalisedKeyAndValueAsTheOfficialSdkDoes()
    {
        var (capture, _, tags) = await Conformance.RunAsync("ecr-ListTagsForResource", ListTags);
        var official = new JsonObject();
        foreach (var tag in capture.ParsedOutputs[0]["tags"]!.AsArray())
        {
            official[(string)tag!["Key"]!] = (string)tag["Value"]!;
        }

        var read = new JsonObject();
        foreach (var (key, value) in tags)
        {
            read[key] = value;
        }

        JsonComparison.AssertReadTheSame(official, read, "ListTagsForResource");
        Assert.Equal(official.Count, read.Count);
    }

    [Fact]
    public async Task SendsDescribeImagesWithImageStatusAnyExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-DescribeImages-ANY", DescribeAllImages);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryImageOfEveryPageArchivedOnesTooAsTheOfficialSdkDoes()
    {
        var (capture, _, images) = await Conformance.RunAsync("ecr-DescribeImages-ANY", DescribeAllImages);
        JsonComparison.AssertReadTheSame(capture.AllPages("imageDetails"), images, "DescribeImages (imageStatus ANY)");
    }

    [Fact]
    public async Task SendsDescribeImagesByDigestExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-DescribeImages-imageIds", DescribeImagesByDigest);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsImagesDescribedByDigestAsTheOfficialSdkDoes()
    {
        var (capture, _, images) = await Conformance.RunAsync("ecr-DescribeImages-imageIds", DescribeImagesByDigest);
        JsonComparison.AssertReadTheSame(capture.AllPages("imageDetails"), images, "DescribeImages (imageIds)");
    }

    [Fact]
    public async Task SendsBatchGetImageExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-BatchGetImage", BatchGetImage);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsBatchGetImageManifestsAndFailuresAsTheOfficialSdkDoes()
    {
        var (capture, _, answer) = await Conformance.RunAsync("ecr-BatchGetImage", BatchGetImage);
        var read = new JsonObject
        {
            ["images"] = JsonSerializer.SerializeToNode(answer.Images, JsonComparison.AsRead),
            ["failures"] = JsonSerializer.SerializeToNode(answer.Failures, JsonComparison.AsRead),
        };
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], read, "BatchGetImage");
    }

    [Fact]
    public async Task SendsBatchDeleteImageExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-BatchDeleteImage", BatchDeleteImage);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsBatchDeleteImageDeletionsAndFailuresAsTheOfficialSdkDoes()
    {
        var (capture, _, answer) = await Conformance.RunAsync("ecr-BatchDeleteImage", BatchDeleteImage);
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], answer, "BatchDeleteImage");
    }

    [Theory]
    [InlineData("ecr-UpdateImageStorageClass-ARCHIVE", "ARCHIVE")]
    [InlineData("ecr-UpdateImageStorageClass-STANDARD", "STANDARD")]
    public async Task SendsUpdateImageStorageClassExactlyAsTheOfficialSdkDoesAndReadsTheStatus(string captureName, string target)
    {
        var (capture, sent, answer) = await Conformance.RunAsync(captureName, (aws, capture) =>
            aws.Ecr.UpdateImageStorageClassAsync((string)capture.Input["repositoryName"]!, (string)capture.Input["imageId"]!["imageDigest"]!, target, Cancellation));
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], answer, "UpdateImageStorageClass");
    }

    [Fact]
    public async Task SendsGetLifecyclePolicyExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecr-GetLifecyclePolicy", GetLifecyclePolicy);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsTheLifecyclePolicyTextAsTheOfficialSdkDoes()
    {
        var (capture, _, text) = await Conformance.RunAsync("ecr-GetLifecyclePolicy", GetLifecyclePolicy);
        Assert.Equal((string)capture.ParsedOutputs[0]["lifecyclePolicyText"]!, text);
    }

    private static Task<string?> GetLifecyclePolicy(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.GetLifecyclePolicyAsync((string)capture.Input["repositoryName"]!, Cancellation);

    private static Task<List<EcrRepository>> DescribeRepositories(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.DescribeRepositoriesAsync(Cancellation);

    private static Task<IReadOnlyDictionary<string, string>> ListTags(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.ListTagsAsync((string)capture.Input["resourceArn"]!, Cancellation);

    private static Task<List<ImageDetail>> DescribeAllImages(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.DescribeImagesAsync((string)capture.Input["repositoryName"]!, Cancellation);

    private static Task<List<ImageDetail>> DescribeImagesByDigest(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.DescribeImagesAsync((string)capture.Input["repositoryName"]!, Digests(capture), Cancellation);

    private static Task<(List<EcrImage> Images, List<ImageFailure> Failures)> BatchGetImage(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.BatchGetImageAsync((string)capture.Input["repositoryName"]!, Digests(capture), Cancellation);

    private static Task<BatchDeleteImageResponse> BatchDeleteImage(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecr.BatchDeleteImageAsync((string)capture.Input["repositoryName"]!, Digests(capture), Cancellation);

    private static List<string> Digests(SdkCapture capture) =>
        [.. capture.Input["imageIds"]!.AsArray().Select(id => (string)id!["imageDigest"]!)];
}
