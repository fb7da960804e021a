using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// A caller per account-region and service over one connection pool: signed with that account-region's credentials,
/// at one adaptive <see cref="AwsRate"/> per account-region and service (shared by every caller of it, whatever its
/// protocol), within one concurrency gate per account-region shared by all its services.
/// </summary>
public sealed class AwsConnections(
    AwsCredentialStore credentials, AwsEndpoints endpoints, IOptions<AwsOptions> options, AwsCallCounter counter, TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly SocketsHttpHandler pool = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly ConcurrentDictionary<(AccountRegion, AwsService), AwsCaller> callers = new();
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> gates = new();
    private readonly ConcurrentDictionary<(string, string, string), AwsRate> rates = new();

    /// <summary>A JSON 1.1 client of the service in the account-region.</summary>
    public AwsJsonClient Client(AccountRegion target, AwsService service) => new(Caller(target, service));

    /// <summary>
    /// The caller of a service in an account-region, for a client of any protocol: it signs, paces, retries and
    /// explains failures; the client builds the messages and reads the answers.
    /// </summary>
    public AwsCaller Caller(AccountRegion target, AwsService service) =>
        callers.GetOrAdd((target, service), key =>
        {
            var signer = new SigV4SigningHandler(credentials.For(target), RegionEndpoint.GetBySystemName(target.Region), service.SigningName, pool);
            return new AwsCaller(
                new HttpClient(signer, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan },
                service, target, endpoints.For(service, target.Region), Gate(target), Rate(target, service), options.Value.Aws, counter, clock);
        });

    /// <summary>The send rate of a service in an account-region (its calls through every role share it).</summary>
    public AwsRate Rate(AccountRegion target, AwsService service) =>
        rates.GetOrAdd((target.AccountId, target.Region, service.SigningName), _ => new AwsRate(clock, service.MaxRequestsPerSecond));

    public void Dispose()
    {
        pool.Dispose();
        foreach (var rate in rates.Values)
        {
            rate.Dispose();
        }
    }

    private SemaphoreSlim Gate(AccountRegion target) =>
        gates.GetOrAdd((target.AccountId, target.Region), _ => new SemaphoreSlim(options.Value.Aws.MaxConcurrency));
}
