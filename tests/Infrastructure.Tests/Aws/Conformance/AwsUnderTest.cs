using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;
using EcrCurator.Infrastructure.Aws.Ecs;
using EcrCurator.Infrastructure.Aws.Lambda;
using EcrCurator.Infrastructure.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>
/// This product's AWS clients, built as the product builds them (standard credential chain, AWS_ENDPOINT_URL),
/// pointed at a <see cref="CapturingListener"/> and signed with the example credentials.
/// </summary>
public sealed class AwsUnderTest : IAsyncDisposable
{
    public const string Account = "111111111111";
    public static readonly AccountRegion Target = new(Account, "us-east-1");

    private readonly AwsConnections connections;
    private readonly AwsCallCounter counter = new();

    static AwsUnderTest() => TestCredentials.Use();

    private AwsUnderTest(CapturingListener listener, AwsCallOptions options, TimeProvider? time)
    {
        Listener = listener;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = listener.Address.ToString() })
            .Build();
        connections = new AwsConnections(new AwsCredentialStore(), new AwsEndpoints(configuration), Options.Create(new AwsOptions { Aws = options }), counter, time);
        Ecr = new EcrClient(connections.Client(Target, AwsService.Ecr));
        Ecs = new EcsClient(connections.Client(Target, AwsService.Ecs));
        Lambda = new LambdaClient(connections.Client(Target, AwsService.Lambda), new LambdaRates(time ?? TimeProvider.System));
    }

    public CapturingListener Listener { get; }

    public EcrClient Ecr { get; }

    public EcsClient Ecs { get; }

    public LambdaClient Lambda { get; }

    public AwsConnections Connections => connections;

    /// <param name="time">The clock its retries and rates go by (a fake one lets a test wait out a throttle budget at once).</param>
    public static async Task<AwsUnderTest> StartAsync(Func<int, CannedResponse> respond, AwsCallOptions? options = null, TimeProvider? time = null) =>
        new(await CapturingListener.StartAsync(respond), options ?? new AwsCallOptions(), time);

    /// <summary>Answers the n-th request with the n-th official canned response of the capture.</summary>
    public static Task<AwsUnderTest> ReplayingAsync(SdkCapture capture) =>
        StartAsync(index => index < capture.Exchanges.Count
            ? new CannedResponse(capture.Exchanges[index].ResponseStatus, capture.Exchanges[index].ResponseBody)
            : new CannedResponse(400, """{"__type":"ValidationException","message":"more requests than the official SDK made"}"""));

    public async ValueTask DisposeAsync()
    {
        connections.Dispose();
        counter.Dispose();
        await Listener.DisposeAsync();
    }
}
