namespace EcrCurator.AwsSimulator.Control;

/// <summary>The rate limits in force and their buckets, one per limit, account, region and operation.</summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<RateLimit> limits = [];
    private readonly Dictionary<(int, string, string, string), (double Tokens, long At)> buckets = [];
    private int nextId = 1;

    public RateLimit Add(RateLimit limit)
    {
        if (limit.TokensPerSecond <= 0 || limit.Burst is <= 0)
        {
            throw new ArgumentException("tokensPerSecond and burst must be positive");
        }

        lock (gate)
        {
            var added = limit with { Id = nextId++ };
            limits.Add(added);
            return added;
        }
    }

    public IReadOnlyList<RateLimit> List()
    {
        lock (gate)
        {
            return [.. limits];
        }
    }

    public bool Remove(int id)
    {
        lock (gate)
        {
            return limits.RemoveAll(limit => limit.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            limits.Clear();
            buckets.Clear();
        }
    }

    /// <summary>Takes a token from every bucket the request falls in; false when one of them is empty.</summary>
    public bool TryTake(string account, string region, string service, string operation)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            var allowed = true;
            foreach (var limit in limits.Where(limit => limit.Scope.Matches(account, region, service, operation)))
            {
                var key = (limit.Id, account, region, $"{service}:{operation}");
                var (tokens, at) = buckets.GetValueOrDefault(key, (limit.Capacity, now));
                tokens = Math.Min(limit.Capacity, tokens + (time.GetElapsedTime(at, now).TotalSeconds * limit.TokensPerSecond));
                if (tokens >= 1)
                {
                    tokens -= 1;
                }
                else
                {
                    allowed = false;
                }

                buckets[key] = (tokens, now);
            }

            return allowed;
        }
    }
}
