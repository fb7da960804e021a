using System.Xml.Linq;
using EcrCurator.AwsSimulator.Tests.Support;
using EcrCurator.Worlds;
using static EcrCurator.AwsSimulator.Tests.Support.TestWorlds;

namespace EcrCurator.AwsSimulator.Tests.Wire;

/// <summary>Accounts and regions as the world format says, and STS over the query protocol.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
    private RunningSimulator simulator = null!;

    public async ValueTask InitializeAsync() => simulator = await RunningSimulator.StartAsync(Standard());

    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    [Fact]
    public async Task ActsAsTheAccountOfTheAccessKeyIdOrElseTheFirstAccount()
    {
        var b = (await simulator.Aws(AccountB).Ecr("DescribeRepositories", new { })).Ok();
        var other = (await simulator.Aws("AKIDEXAMPLE").Ecr("DescribeRepositories", new { maxResults = 1 })).Ok();

        Assert.Equal(AccountB, b.List("repositories").Single()["registryId"]!.GetValue<string>());
        Assert.Equal(AccountA, other.List("repositories").Single()["registryId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServesTheRegionOfTheCredentialScopeAndNothingWhereTheAccountHasNoRegion()
    {
        var east = (await simulator.Aws(AccountA, Virginia).Ecr("DescribeRepositories", new { })).Ok();
        var nowhere = (await simulator.Aws(AccountA, "eu-west-1").Ecr("DescribeRepositories", new { })).Ok();
        var noClusters = (await simulator.Aws(AccountA, "eu-west-1").Ecs("ListClusters", new { })).Ok();

        Assert.Equal("east/only", east.List("repositories").Single()["repositoryName"]!.GetValue<string>());
        Assert.Empty(nowhere.List("repositories"));
        Assert.Empty(noClusters.Strings("clusterArns"));
        (await simulator.Aws(AccountA, "eu-west-1").Ecr("DescribeImages", new { repositoryName = "care/api" })).Fails("RepositoryNotFoundException");
    }

    [Fact]
    public async Task UsesTheChinaPartitionInChinaRegions()
    {
        var repository = (await simulator.Aws(AccountChina, Beijing).Ecr("DescribeRepositories", new { })).Ok().List("repositories").Single();

        Assert.Equal("arn:aws-cn:ecr:cn-north-1:333333333333:repository/cn/app", repository["repositoryArn"]!.GetValue<string>());
        Assert.Equal("333333333333.dkr.ecr.cn-north-1.amazonaws.com.cn/cn/app", repository["repositoryUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswersTheCallerIdentity()
    {
        var (status, xml) = await simulator.Aws(AccountB).Sts("GetCallerIdentity");

        Assert.Equal(200, status);
        Assert.Equal(AccountB, xml.Descendants(Sts + "Account").Single().Value);
        Assert.Equal("arn:aws:iam::222222222222:root", xml.Descendants(Sts + "Arn").Single().Value);
        Assert.NotEmpty(xml.Descendants(Sts + "RequestId").Single().Value);
    }

    [Fact]
    public async Task AssumesARoleWhoseCredentialsActAsItsAccount()
    {
        var (status, xml) = await simulator.Aws("AKIDEXAMPLE").Sts("AssumeRole", ("RoleArn", "arn:aws:iam::222222222222:role/ecr-curator"), ("RoleSessionName", "curator"), ("ExternalId", "x"));
        var key = xml.Descendants(Sts + "AccessKeyId").Single().Value;
        var token = xml.Descendants(Sts + "SessionToken").Single().Value;

        var assumed = simulator.Aws(key, Tokyo, token);
        var (_, identity) = await assumed.Sts("GetCallerIdentity");
        var repositories = (await assumed.Ecr("DescribeRepositories", new { })).Ok();

        Assert.Equal((200, AccountB), (status, key));
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/ecr-curator/curator", identity.Descendants(Sts + "Arn").Single().Value);
        Assert.Equal("b/own", repositories.List("repositories").Single()["repositoryName"]!.GetValue<string>());
    }

    [Fact]
    public async Task AssumesARoleInTheChinaPartitionOnlyFromAChinaRegion()
    {
        var (china, _) = await simulator.Aws(AccountChina, Beijing).Sts("AssumeRole", ("RoleArn", "arn:aws-cn:iam::333333333333:role/r"), ("RoleSessionName", "s1"));
        var (wrong, error) = await simulator.Aws(AccountA, Tokyo).Sts("AssumeRole", ("RoleArn", "arn:aws-cn:iam::333333333333:role/r"), ("RoleSessionName", "s1"));

        Assert.Equal((200, 403), (china, wrong));
        Assert.Equal("AccessDenied", error.Descendants(Sts + "Code").Single().Value);
    }

    [Theory]
    [InlineData("eusc-de-east-1", "aws-eusc", "amazonaws.eu")]
    [InlineData("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov")]
    [InlineData("us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    public async Task ServesEveryPartitionWithItsOwnArnsHostsAndRoles(string region, string partition, string domain)
    {
        var world = new World
        {
            Accounts = [new WorldAccount { AccountId = AccountA, Region = region, Repositories = [new WorldRepository { Name = "app", Images = [Plain("app", ["v1"], 0)] }] }],
        };
        await using var sovereign = await RunningSimulator.StartAsync(world);
        var aws = sovereign.Aws(AccountA, region);

        var repository = (await aws.Ecr("DescribeRepositories", new { })).Ok().List("repositories").Single();
        var (assumed, _) = await aws.Sts("AssumeRole", ("RoleArn", $"arn:{partition}:iam::{AccountA}:role/r"), ("RoleSessionName", "s1"));
        var (elsewhere, _) = await sovereign.Aws(AccountA, Tokyo).Sts("AssumeRole", ("RoleArn", $"arn:{partition}:iam::{AccountA}:role/r"), ("RoleSessionName", "s1"));

        Assert.Equal($"arn:{partition}:ecr:{region}:{AccountA}:repository/app", repository["repositoryArn"]!.GetValue<string>());
        Assert.Equal($"{AccountA}.dkr.ecr.{region}.{domain}/app", repository["repositoryUri"]!.GetValue<string>());
        (await aws.Ecr("ListTagsForResource", new { resourceArn = $"arn:{partition}:ecr:{region}:{AccountA}:repository/app" })).Ok();
        (await aws.Ecr("ListTagsForResource", new { resourceArn = $"arn:aws:ecr:{region}:{AccountA}:repository/app" })).Fails("InvalidParameterException");
        Assert.Equal((200, 403), (assumed, elsewhere));
    }

    [Theory]
    [InlineData("arn:aws:iam::999999999999:role/r", "s1", 403, "AccessDenied")]
    [InlineData("arn:aws:iam::111111111111:user/r", "s1", 400, "ValidationError")]
    [InlineData("arn:aws:iam::111111111111:role/r", "!", 400, "ValidationError")]
    public async Task RefusesARoleItCannotAssume(string role, string session, int expectedStatus, string expectedCode)
    {
        var (status, xml) = await simulator.Aws().Sts("AssumeRole", ("RoleArn", role), ("RoleSessionName", session));

        Assert.Equal((expectedStatus, expectedCode), (status, xml.Descendants(Sts + "Code").Single().Value));
    }

    [Fact]
    public async Task AnswersAnUnknownOperationAsAws()
    {
        (await simulator.Aws().Ecr("PutImage", new { })).Fails("UnknownOperationException");
        var (status, xml) = await simulator.Aws().Sts("GetSessionToken");
        Assert.Equal((400, "InvalidAction"), (status, xml.Descendants(Sts + "Code").Single().Value));
    }
}
