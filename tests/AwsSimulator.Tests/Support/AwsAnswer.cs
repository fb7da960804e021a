using System.Text.Json.Nodes;

namespace EcrCurator.AwsSimulator.Tests.Support;

/// <summary>What the simulator answered to an AWS JSON call.</summary>
internal sealed record AwsAnswer(int Status, JsonNode? Body, string? RequestId, string? ErrorType)
{
    public JsonNode Json => Body ?? throw new InvalidOperationException("the answer has no body");

    /// <summary>A body that is not JSON (an HTML error page), as text.</summary>
    public string? Page { get; init; }

    /// <summary>The error code of an error answer.</summary>
    public string? Code => Body?["__type"]?.GetValue<string>();

    public string Message => Body?["message"]?.GetValue<string>() ?? "";

    public IReadOnlyList<JsonNode> List(string member) => [.. (Json[member]?.AsArray() ?? []).Select(node => node!)];

    public IReadOnlyList<string> Strings(string member) => [.. List(member).Select(node => node.GetValue<string>())];

    public string? NextToken => Body?["nextToken"]?.GetValue<string>();

    public AwsAnswer Ok()
    {
        Assert.True(Status == 200, $"expected 200, got {Status}: {Body?.ToJsonString()}");
        return this;
    }

    public AwsAnswer Fails(string code, int status = 400)
    {
        Assert.Equal((status, code), (Status, Code));
        return this;
    }
}
