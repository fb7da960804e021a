using System.Diagnostics;
using EcrCurator.AwsSimulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Control;

/// <summary>Faults and rate limits injected through the control API, scoped by account, region and operation.</summary>
public sealed class FaultTests
{
    private static Task<AwsAnswer> Images(RunningSimulator simulator, string account = AccountA, string region = Tokyo) =>
        simulator.Aws(account, region).Ecr("DescribeImages", new { repositoryName = account == AccountA ? "care/api" : "b/own" });

    [Fact]
    public async Task ThrottlesTheNextRequestsOfAnOperation()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "throttle", operation = "ecr:DescribeImages", count = 2 });

        var first = await Images(simulator);
        var second = await Images(simulator);
        var other = await simulator.Aws().Ecr("DescribeRepositories", new { });
        var third = await Images(simulator);

        first.Fails("ThrottlingException");
        Assert.Equal(("Rate exceeded", "ThrottlingException"), (second.Fails("ThrottlingException").Message, second.ErrorType));
        other.Ok();
        third.Ok();
    }

    [Fact]
    public async Task ScopesAFaultToAnAccountAndRegion()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "access-denied", accountId = AccountB, region = Tokyo });

        (await Images(simulator, AccountB)).Fails("AccessDeniedException");
        (await simulator.Aws(AccountB).Ecs("ListClusters", new { })).Fails("AccessDeniedException");
        (await Images(simulator)).Ok();
        (await simulator.Aws(AccountB, Virginia).Ecs("ListClusters", new { })).Ok();
    }

    [Fact]
    public async Task AnswersServerErrorsWithTheStatusAsked()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "server-error", operation = "ListClusters", count = 1 });
        await simulator.PostAsync("faults", new { kind = "server-error", status = 503, operation = "ecs:ListServices" });

        (await simulator.Aws().Ecs("ListClusters", new { })).Fails("ServerException", 500);
        (await simulator.Aws().Ecs("ListClusters", new { })).Ok();
        (await simulator.Aws().Ecs("ListServices", new { cluster = "prod" })).Fails("ServiceUnavailableException", 503);
    }

    [Fact]
    public async Task AnswersTheHtmlErrorPageOfAProxyInFrontOfAws()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "html-error", operation = "ListClusters", count = 1 });
        await simulator.PostAsync("faults", new { kind = "html-error", status = 504, operation = "ecs:ListServices" });

        var gateway = await simulator.Aws().Ecs("ListClusters", new { });
        var timeout = await simulator.Aws().Ecs("ListServices", new { cluster = "prod" });

        Assert.Equal(502, gateway.Status);
        Assert.Null(gateway.Body);
        Assert.Contains("<title>502 Bad Gateway</title>", gateway.Page);
        Assert.Equal(504, timeout.Status);
        Assert.Contains("<h1>504 Gateway Time-out</h1>", timeout.Page);
        (await simulator.Aws().Ecs("ListClusters", new { })).Ok();
    }

    [Fact]
    public async Task AnswersStsFaultsInItsOwnWords()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "throttle", operation = "sts:*" });

        var (status, xml) = await simulator.Aws().Sts("GetCallerIdentity");

        Assert.Equal(400, status);
        Assert.Contains("<Code>Throttling</Code>", xml.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DelaysRequestsByTheLatencyAsked()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "latency", latencyMs = 300, operation = "DescribeImages" });

        var clock = Stopwatch.StartNew();
        (await Images(simulator)).Ok();

        Assert.True(clock.ElapsedMilliseconds >= 290, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ListsAndRemovesFaults()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        var (_, fault) = await simulator.PostAsync("faults", new { kind = "throttle" });
        var (_, listed) = await simulator.SendAsync(HttpMethod.Get, "faults");
        var (removed, _) = await simulator.SendAsync(HttpMethod.Delete, $"faults/{fault!["id"]}");
        var (refused, message) = await simulator.PostAsync("faults", new { kind = "meteor" });

        Assert.Single(listed!.AsArray());
        Assert.Equal(204, removed);
        (await Images(simulator)).Ok();
        Assert.Equal(400, refused);
        Assert.Contains("meteor", message!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitsTheRateOfAnOperationPerAccountAsAws()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var simulator = await RunningSimulator.StartAsync(Standard(), time: time);
        await simulator.PostAsync("rate-limits", new { operation = "ecr:DescribeImages", tokensPerSecond = 2, burst = 2 });

        var burst = new[] { await Images(simulator), await Images(simulator) };
        var throttled = await Images(simulator);
        var otherAccount = await Images(simulator, AccountB);
        time.Advance(TimeSpan.FromMilliseconds(500));
        var refilled = await Images(simulator);
        var emptyAgain = await Images(simulator);

        Assert.All(burst, answer => answer.Ok());
        throttled.Fails("ThrottlingException");
        otherAccount.Ok();
        refilled.Ok();
        emptyAgain.Fails("ThrottlingException");
    }

    [Fact]
    public async Task CountsTheRequestsOfEachAccountAndOperation()
    {
        await using var simulator = await RunningSimulator.StartAsync(Standard());
        await simulator.PostAsync("faults", new { kind = "throttle", count = 1 });
        await Images(simulator);
        await Images(simulator);

        var (_, requests) = await simulator.SendAsync(HttpMethod.Get, "requests");

        var counter = requests!.AsArray().Single()!;
        Assert.Equal(("111111111111/ap-northeast-1/ecr:DescribeImages", 2, 1), (counter["key"]!.GetValue<string>(), counter["requests"]!.GetValue<int>(), counter["errors"]!.GetValue<int>()));
    }
}
