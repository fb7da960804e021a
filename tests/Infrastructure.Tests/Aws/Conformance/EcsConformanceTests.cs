using System.Text.Json;
using System.Text.Json.Nodes;
using EcrCurator.Infrastructure.Aws.Ecs;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// Each ECS operation the product calls, run through this client with the inputs the official SDK was given
/// (captures/ecs-*.json): the same requests, validly signed, and the same values read from the same answers.
/// </summary>
public sealed class EcsConformanceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsListClustersExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-ListClusters", ListClusters);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryClusterOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, clusters) = await Conformance.RunAsync("ecs-ListClusters", ListClusters);
        JsonComparison.AssertReadTheSame(capture.AllPages("clusterArns"), Conformance.Strings(clusters), "ListClusters");
    }

    [Fact]
    public async Task StopsPagingAtAnEmptyNextTokenAsTheOfficialSdkDoes()
    {
        var capture = SdkCapture.Load("ecs-ListClusters-empty-last-token");
        await using var aws = await AwsUnderTest.ReplayingAsync(capture);
        var paging = await Record.ExceptionAsync(() => aws.Ecs.ListClustersAsync(Cancellation));
        var sent = aws.Listener.Requests;
        Assert.True(
            sent.Count == capture.Exchanges.Count && paging is null,
            $"the official SDK stops after {capture.Exchanges.Count} requests when the last page's nextToken is \"\"; this client sent {sent.Count}"
            + (sent.Count > capture.Exchanges.Count ? $", the last with {sent[^1].BodyText}" : "")
            + (paging is null ? "" : $" and failed: {paging.Message}"));
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task SendsListServicesExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-ListServices", ListServices);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryServiceOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, services) = await Conformance.RunAsync("ecs-ListServices", ListServices);
        JsonComparison.AssertReadTheSame(capture.AllPages("serviceArns"), Conformance.Strings(services), "ListServices");
    }

    [Fact]
    public async Task SendsDescribeServicesExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-DescribeServices", DescribeServices);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsServicesDeploymentsTaskSetsRevisionsAndFailuresAsTheOfficialSdkDoes()
    {
        var (capture, _, answer) = await Conformance.RunAsync("ecs-DescribeServices", DescribeServices);
        var read = new JsonObject
        {
            ["services"] = JsonSerializer.SerializeToNode(answer.Services, JsonComparison.AsRead),
            ["failures"] = JsonSerializer.SerializeToNode(answer.Failures, JsonComparison.AsRead),
        };
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], read, "DescribeServices");
    }

    [Fact]
    public async Task SendsDescribeServiceRevisionsExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-DescribeServiceRevisions", DescribeServiceRevisions);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsServiceRevisionsResolvedImageDigestsAndFailuresAsTheOfficialSdkDoes()
    {
        var (capture, _, answer) = await Conformance.RunAsync("ecs-DescribeServiceRevisions", DescribeServiceRevisions);
        var read = new JsonObject
        {
            ["serviceRevisions"] = JsonSerializer.SerializeToNode(answer.Revisions, JsonComparison.AsRead),
            ["failures"] = JsonSerializer.SerializeToNode(answer.Failures, JsonComparison.AsRead),
        };
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], read, "DescribeServiceRevisions");
    }

    [Fact]
    public async Task SendsListTasksForRunningTasksExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-ListTasks", ListTasks);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryTaskOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, tasks) = await Conformance.RunAsync("ecs-ListTasks", ListTasks);
        JsonComparison.AssertReadTheSame(capture.AllPages("taskArns"), Conformance.Strings(tasks), "ListTasks");
    }

    [Fact]
    public async Task SendsDescribeTasksExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-DescribeTasks", DescribeTasks);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsTasksContainersDigestsAndFailuresAsTheOfficialSdkDoes()
    {
        var (capture, _, answer) = await Conformance.RunAsync("ecs-DescribeTasks", DescribeTasks);
        var read = new JsonObject
        {
            ["tasks"] = JsonSerializer.SerializeToNode(answer.Tasks, JsonComparison.AsRead),
            ["failures"] = JsonSerializer.SerializeToNode(answer.Failures, JsonComparison.AsRead),
        };
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0], read, "DescribeTasks");
    }

    [Fact]
    public async Task SendsDescribeTaskDefinitionExactlyAsTheOfficialSdkDoes()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-DescribeTaskDefinition", DescribeTaskDefinition);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsTheTaskDefinitionAndItsContainerImagesAsTheOfficialSdkDoes()
    {
        var (capture, _, definition) = await Conformance.RunAsync("ecs-DescribeTaskDefinition", DescribeTaskDefinition);
        JsonComparison.AssertReadTheSame(capture.ParsedOutputs[0]["taskDefinition"], definition, "DescribeTaskDefinition");
    }

    [Fact]
    public async Task SendsListTaskDefinitionsExactlyAsTheOfficialSdkDoesOnEveryPage()
    {
        var (capture, sent, _) = await Conformance.RunAsync("ecs-ListTaskDefinitions", ListTaskDefinitions);
        Conformance.AssertSentAsTheOfficialSdkDoes(capture, sent);
    }

    [Fact]
    public async Task ReadsEveryTaskDefinitionOfEveryPageAsTheOfficialSdkDoes()
    {
        var (capture, _, definitions) = await Conformance.RunAsync("ecs-ListTaskDefinitions", ListTaskDefinitions);
        JsonComparison.AssertReadTheSame(capture.AllPages("taskDefinitionArns"), Conformance.Strings(definitions), "ListTaskDefinitions");
    }

    private static Task<List<string>> ListClusters(AwsUnderTest aws, SdkCapture capture) => aws.Ecs.ListClustersAsync(Cancellation);

    private static Task<List<string>> ListServices(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.ListServicesAsync((string)capture.Input["cluster"]!, Cancellation);

    private static Task<(List<EcsService> Services, List<EcsFailure> Failures)> DescribeServices(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.DescribeServicesAsync((string)capture.Input["cluster"]!, Strings(capture.Input["services"]), Cancellation);

    private static Task<(List<ServiceRevision> Revisions, List<EcsFailure> Failures)> DescribeServiceRevisions(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.DescribeServiceRevisionsAsync(Strings(capture.Input["serviceRevisionArns"]), Cancellation);

    private static Task<List<string>> ListTasks(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.ListRunningTasksAsync((string)capture.Input["cluster"]!, Cancellation);

    private static Task<(List<EcsTask> Tasks, List<EcsFailure> Failures)> DescribeTasks(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.DescribeTasksAsync((string)capture.Input["cluster"]!, Strings(capture.Input["tasks"]), Cancellation);

    private static Task<EcsTaskDefinition> DescribeTaskDefinition(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.DescribeTaskDefinitionAsync((string)capture.Input["taskDefinition"]!, Cancellation);

    private static Task<List<string>> ListTaskDefinitions(AwsUnderTest aws, SdkCapture capture) =>
        aws.Ecs.ListActiveTaskDefinitionsAsync((string)capture.Input["familyPrefix"]!, Cancellation);

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(item => (string)item!)];
}
