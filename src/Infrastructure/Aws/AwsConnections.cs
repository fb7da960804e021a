using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Signed HTTP clients per account-region and service over one connection pool, and one concurrency gate per
/// account-region shared by all its services.
/// </summary>
public sealed class AwsConnections(AwsCredentialStore credentials, AwsEndpoints endpoints, IOptions<AwsOptions> options, AwsCallCounter counter) : IDisposable
{
    private readonly SocketsHttpHandler pool = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly ConcurrentDictionary<(AccountRegion, AwsService), AwsJsonClient> clients = new();
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> gates = new();

    public AwsJsonClient Client(AccountRegion target, AwsService service) =>
        clients.GetOrAdd((target, service), key =>
        {
            var signer = new SigV4SigningHandler(credentials.For(target), RegionEndpoint.GetBySystemName(target.Region), service.SigningName, pool);
            var gate = gates.GetOrAdd((target.AccountId, target.Region), _ => new SemaphoreSlim(options.Value.Aws.MaxConcurrency));
            return new AwsJsonClient(
                new HttpClient(signer, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan },
                service, target, endpoints.For(service, target.Region), gate, options.Value.Aws, counter);
        });

    public void Dispose() => pool.Dispose();
}
