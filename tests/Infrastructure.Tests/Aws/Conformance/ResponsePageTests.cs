using System.Text.Json;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Aws.Ecs;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// Every official answer page, read into this client's response model with its wire options, holds what the
/// official SDK parsed from it: timestamps as epoch seconds, lists, nested shapes and nextToken.
/// </summary>
public sealed class ResponsePageTests
{
    private static readonly Dictionary<string, Type> ResponseTypes = new()
    {
        ["DescribeRepositories"] = typeof(DescribeRepositoriesResponse),
        ["ListTagsForResource"] = typeof(ListTagsForResourceResponse),
        ["DescribeImages"] = typeof(DescribeImagesResponse),
        ["BatchGetImage"] = typeof(BatchGetImageResponse),
        ["BatchDeleteImage"] = typeof(BatchDeleteImageResponse),
        ["UpdateImageStorageClass"] = typeof(UpdateImageStorageClassResponse),
        ["GetLifecyclePolicy"] = typeof(GetLifecyclePolicyResponse),
        ["ListClusters"] = typeof(ListClustersResponse),
        ["ListServices"] = typeof(ListServicesResponse),
        ["DescribeServices"] = typeof(DescribeServicesResponse),
        ["DescribeServiceRevisions"] = typeof(DescribeServiceRevisionsResponse),
        ["ListTasks"] = typeof(ListTasksResponse),
        ["DescribeTasks"] = typeof(DescribeTasksResponse),
        ["DescribeTaskDefinition"] = typeof(DescribeTaskDefinitionResponse),
        ["ListTaskDefinitions"] = typeof(ListTaskDefinitionsResponse),
    };

    public static TheoryData<string, int> Pages()
    {
        var pages = new TheoryData<string, int>();
        foreach (var name in SdkCapture.OperationNames())
        {
            var capture = SdkCapture.Load(name);
            for (var page = 0; page < capture.Exchanges.Count; page++)
            {
                pages.Add(name, page + 1);
            }
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void ReadsEveryOfficialAnswerPageAsTheOfficialSdkDoes(string captureName, int page)
    {
        var capture = SdkCapture.Load(captureName);
        var type = ResponseTypes[capture.Operation];
        var read = JsonSerializer.Deserialize(capture.Exchanges[page - 1].ResponseBody, type, AwsJson.Options);
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[page - 1], read, $"{captureName} page {page}");
    }

    [Fact]
    public void EveryOperationTheProductCallsHasAnOfficialCapture()
    {
        var captured = SdkCapture.OperationNames().Select(name => SdkCapture.Load(name)).Select(capture => capture.Operation).ToHashSet();
        Assert.Equal(ResponseTypes.Keys.Order(StringComparer.Ordinal), captured.Order(StringComparer.Ordinal));
        var describeImages = SdkCapture.OperationNames().Select(name => SdkCapture.Load(name)).Where(capture => capture.Operation == "DescribeImages").ToList();
        Assert.Contains(describeImages, capture => (string?)capture.Input["filter"]?["imageStatus"] == "ANY" && capture.Input["imageIds"] is null);
        Assert.Contains(describeImages, capture => capture.Input["imageIds"] is not null);
    }
}
