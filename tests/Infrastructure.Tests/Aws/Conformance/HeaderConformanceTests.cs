namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>The header set this client sends, next to the official SDK's, for one ECR and one ECS call.</summary>
public sealed class HeaderConformanceTests
{
    // Transport only: how the connection is kept says nothing about the call.
    private static readonly HashSet<string> Transport = ["connection"];

    [Theory]
    [InlineData("ecr-DescribeImages-imageIds")]
    [InlineData("ecs-DescribeTasks")]
    public async Task SendsEveryHeaderTheOfficialSdkSends(string captureName)
    {
        var (capture, sent, _) = await Conformance.RunAsync(captureName, async (aws, capture) =>
        {
            var cancellation = TestContext.Current.CancellationToken;
            if (capture.Service == "ecr")
            {
                await aws.Ecr.DescribeImagesAsync((string)capture.Input["repositoryName"]!, [.. capture.Input["imageIds"]!.AsArray().Select(id => (string)id!["imageDigest"]!)], cancellation);
            }
            else
            {
                await aws.Ecs.DescribeTasksAsync((string)capture.Input["cluster"]!, [.. capture.Input["tasks"]!.AsArray().Select(task => (string)task!)], cancellation);
            }

            return capture.Service;
        });
        var official = capture.Exchanges[0].Request;
        var ours = sent[0];
        var missing = official.HeaderNames.Except(ours.HeaderNames).Except(Transport).Order(StringComparer.Ordinal).ToList();
        var extra = ours.HeaderNames.Except(official.HeaderNames).Except(Transport).Order(StringComparer.Ordinal).ToList();
        var differences = missing.Select(name => $"only the official SDK sends {name}: {official.Header(name)}")
            .Concat(extra.Select(name => $"only this client sends {name}: {ours.Header(name)}"))
            .ToList();
        Assert.True(differences.Count == 0, $"{captureName}:\n  {string.Join("\n  ", differences)}");
    }
}
