using EcrCurator.AwsSimulator.Tests.Support;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>ECS over JSON 1.1: clusters, services, revisions, tasks and task definitions, with ECS's pages, limits and errors.</summary>
public sealed class EcsTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:ecs:ap-northeast-1:111111111111";
    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync() => simulator = await RunningSimulator.StartAsync(Standard());

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    private Task<AwsAnswer> Ecs(string operation, object input) => simulator.Aws().Ecs(operation, input);

    private async Task<List<string>> AllAsync(string operation, string member, Func<string?, object> input)
    {
        var items = new List<string>();
        string? token = null;
        do
        {
            var page = (await Ecs(operation, input(token))).Ok();
            items.AddRange(page.Strings(member));
            token = page.NextToken;
        }
        while (token is not null);
        return items;
    }

    [Fact]
    public async Task ListsClustersAsArns()
    {
        var clusters = await AllAsync("ListClusters", "clusterArns", token => new { maxResults = 1, nextToken = token });

        Assert.Equal([$"{Arn}:cluster/default", $"{Arn}:cluster/prod"], clusters);
        (await Ecs("ListClusters", new { maxResults = 101 })).Fails("InvalidParameterException");
    }

    [Fact]
    public async Task ListsOnlyActiveServicesTenAPageByDefault()
    {
        var first = (await Ecs("ListServices", new { cluster = "prod" })).Ok();
        var all = await AllAsync("ListServices", "serviceArns", token => new { cluster = $"{Arn}:cluster/prod", nextToken = token });

        Assert.Equal(10, first.Strings("serviceArns").Count);
        Assert.Equal(15, all.Count);
        Assert.DoesNotContain($"{Arn}:service/prod/draining", all);
        Assert.Contains($"{Arn}:service/prod/care-api", all);
        (await Ecs("ListServices", new { cluster = "prod", maxResults = 101 })).Fails("InvalidParameterException");
        (await Ecs("ListServices", new { cluster = "nope" })).Fails("ClusterNotFoundException");
        Assert.Empty((await Ecs("ListServices", new { })).Ok().Strings("serviceArns"));
    }

    [Fact]
    public async Task DescribesDeploymentsRevisionsAndTaskSetsByController()
    {
        var answer = (await Ecs("DescribeServices", new { cluster = "prod", services = new[] { "care-api", $"{Arn}:service/prod/blue-green", "draining", "nope" } })).Ok();

        var care = answer.List("services")[0];
        Assert.Equal(["PRIMARY", "ACTIVE"], care["deployments"]!.AsArray().Select(d => d!["status"]!.GetValue<string>()));
        Assert.Equal($"{Arn}:task-definition/care-api:3", care["taskDefinition"]!.GetValue<string>());
        Assert.Equal((3, 1), (care["runningCount"]!.GetValue<int>(), care["pendingCount"]!.GetValue<int>()));
        Assert.Equal(2, care["currentServiceRevisions"]!.AsArray().Count);
        var blueGreen = answer.List("services")[1];
        Assert.Empty(blueGreen["deployments"]!.AsArray());
        Assert.Equal("CODE_DEPLOY", blueGreen["deploymentController"]!["type"]!.GetValue<string>());
        Assert.Equal("PRIMARY", blueGreen["taskSets"]!.AsArray().Single()!["status"]!.GetValue<string>());
        Assert.Equal("DRAINING", answer.List("services")[2]["status"]!.GetValue<string>());
        Assert.Empty(answer.List("services")[2]["currentServiceRevisions"]!.AsArray());
        Assert.Equal(($"{Arn}:service/prod/nope", "MISSING"), (answer.List("failures").Single()["arn"]!.GetValue<string>(), answer.List("failures").Single()["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RefusesMoreThanTenServicesOrNone()
    {
        (await Ecs("DescribeServices", new { cluster = "prod", services = Enumerable.Range(0, 11).Select(i => $"svc-{i:D2}") })).Fails("InvalidParameterException");
        (await Ecs("DescribeServices", new { cluster = "prod", services = Array.Empty<string>() })).Fails("InvalidParameterException");
        (await Ecs("DescribeServices", new { cluster = "nope", services = new[] { "x" } })).Fails("ClusterNotFoundException");
    }

    [Fact]
    public async Task DescribesServiceRevisionsWithTheDigestsEcsResolved()
    {
        var service = (await Ecs("DescribeServices", new { cluster = "prod", services = new[] { "care-api" } })).Ok().List("services").Single();
        var arns = service["currentServiceRevisions"]!.AsArray().Select(r => r!["arn"]!.GetValue<string>()).ToList();

        var answer = (await Ecs("DescribeServiceRevisions", new { serviceRevisionArns = arns.Append($"{Arn}:service-revision/prod/care-api/1") })).Ok();

        var primary = answer.List("serviceRevisions")[0];
        Assert.Equal($"{Arn}:task-definition/care-api:3", primary["taskDefinition"]!.GetValue<string>());
        Assert.Equal([Digest("care-v2"), Digest("bulk-0")], primary["containerImages"]!.AsArray().Select(c => c!["imageDigest"]!.GetValue<string>()));
        Assert.Equal(Image("care/api", "latest"), primary["containerImages"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("MISSING", answer.List("failures").Single()["reason"]!.GetValue<string>());
        (await Ecs("DescribeServiceRevisions", new { serviceRevisionArns = Enumerable.Repeat(arns[0], 21) })).Fails("InvalidParameterException");
    }

    [Fact]
    public async Task ListsTasksByDesiredStatusServiceAndFamily()
    {
        var running = await AllAsync("ListTasks", "taskArns", token => new { cluster = "prod", nextToken = token });
        var firstPage = (await Ecs("ListTasks", new { cluster = "prod" })).Ok();
        var stopped = (await Ecs("ListTasks", new { cluster = "prod", desiredStatus = "STOPPED" })).Ok().Strings("taskArns");
        var care = (await Ecs("ListTasks", new { cluster = "prod", serviceName = "care-api" })).Ok().Strings("taskArns");
        var worker = (await Ecs("ListTasks", new { cluster = "prod", family = "worker" })).Ok().Strings("taskArns");

        Assert.Equal((110, 100), (running.Count, firstPage.Strings("taskArns").Count));
        Assert.Equal([$"{Arn}:task/prod/{TaskId("care-stopped")}"], stopped);
        Assert.Equal(4, care.Count);
        Assert.Equal([$"{Arn}:task/prod/{TaskId("worker-1")}"], worker);
        (await Ecs("ListTasks", new { cluster = "prod", serviceName = "nope" })).Fails("ServiceNotFoundException");
        (await Ecs("ListTasks", new { cluster = "nope" })).Fails("ClusterNotFoundException");
    }

    [Fact]
    public async Task DescribesTasksWithTheirContainersDigestsAndMissingOnes()
    {
        var answer = (await Ecs("DescribeTasks", new { cluster = "prod", tasks = new[] { $"{Arn}:task/prod/{TaskId("care-1")}", TaskId("care-pending"), "ffff" } })).Ok();

        var running = answer.List("tasks")[0];
        Assert.Equal($"{Arn}:task-definition/care-api:3", running["taskDefinitionArn"]!.GetValue<string>());
        Assert.Equal([Digest("care-v2-amd64"), null], running["containers"]!.AsArray().Select(c => c!["imageDigest"]?.GetValue<string>()));
        Assert.Equal(Image("bulk/r000", "v1"), running["containers"]![1]!["image"]!.GetValue<string>());
        Assert.Equal(("PENDING", "RUNNING"), (answer.List("tasks")[1]["lastStatus"]!.GetValue<string>(), answer.List("tasks")[1]["desiredStatus"]!.GetValue<string>()));
        Assert.Equal($"{Arn}:task/prod/ffff", answer.List("failures").Single()["arn"]!.GetValue<string>());
        (await Ecs("DescribeTasks", new { cluster = "prod", tasks = Enumerable.Range(0, 101).Select(i => $"t{i}") })).Fails("InvalidParameterException");
    }

    [Theory]
    [InlineData("care-api:2", 2)]
    [InlineData("care-api", 3)]
    [InlineData("arn:aws:ecs:ap-northeast-1:111111111111:task-definition/care-api:1", 1)]
    public async Task DescribesATaskDefinitionByRevisionArnOrLatestActive(string name, int revision)
    {
        var answer = (await Ecs("DescribeTaskDefinition", new { taskDefinition = name, include = new[] { "TAGS" } })).Ok();

        Assert.Equal(revision, answer.Json["taskDefinition"]!["revision"]!.GetValue<int>());
        Assert.Equal(2, answer.Json["taskDefinition"]!["containerDefinitions"]!.AsArray().Count);
        Assert.NotNull(answer.Json["tags"]);
    }

    [Fact]
    public async Task AnswersClientExceptionForAnUnknownTaskDefinition() =>
        (await Ecs("DescribeTaskDefinition", new { taskDefinition = "nope:1" })).Fails("ClientException");

    [Fact]
    public async Task ListsTaskDefinitionsByFamilyStatusAndSort()
    {
        var ascending = (await Ecs("ListTaskDefinitions", new { })).Ok().Strings("taskDefinitionArns");
        var newest = (await Ecs("ListTaskDefinitions", new { familyPrefix = "care-api", sort = "DESC", maxResults = 1 })).Ok();
        var inactive = (await Ecs("ListTaskDefinitions", new { familyPrefix = "care-api", status = "INACTIVE" })).Ok().Strings("taskDefinitionArns");
        var next = (await Ecs("ListTaskDefinitions", new { familyPrefix = "care-api", sort = "DESC", maxResults = 1, nextToken = newest.NextToken })).Ok();

        Assert.Equal(["bulk-svc:1", "care-api:2", "care-api:3", "worker:1"], ascending.Select(arn => arn.Split('/')[1]));
        Assert.Equal([$"{Arn}:task-definition/care-api:3"], newest.Strings("taskDefinitionArns"));
        Assert.Equal([$"{Arn}:task-definition/care-api:2"], next.Strings("taskDefinitionArns"));
        Assert.Null(next.NextToken);
        Assert.Equal(["care-api:1", "care-api:4"], inactive.Select(arn => arn.Split('/')[1]));
    }
}
