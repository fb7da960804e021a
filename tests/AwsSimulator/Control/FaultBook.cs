using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Control;

/// <summary>The faults in force. Each request adds the latency of every matching latency fault and fails with the first matching error fault.</summary>
internal sealed class FaultBook
{
    private readonly Lock gate = new();
    private readonly List<(Fault Fault, Random Draw)> faults = [];
    private int nextId = 1;

    public Fault Add(Fault fault)
    {
        if (!Fault.Kinds.Contains(fault.Kind))
        {
            throw new ArgumentException($"kind '{fault.Kind}' is not one of {string.Join(", ", Fault.Kinds)}");
        }

        if (fault.Probability is < 0 or > 1 || fault.Count is < 1 || fault.LatencyMs is < 0
            || fault.Status is not (null or 500 or 503) && (fault.Kind != "html-error" || fault.Status is not (502 or 504)))
        {
            throw new ArgumentException("probability is between 0 and 1, count at least 1, latencyMs not negative, status 500 or 503 (html-error: also 502 or 504)");
        }

        lock (gate)
        {
            var added = fault with { Id = nextId++, Fired = 0 };
            faults.Add((added, new Random(fault.Seed ?? added.Id)));
            return added;
        }
    }

    public IReadOnlyList<Fault> List()
    {
        lock (gate)
        {
            return [.. faults.Select(entry => entry.Fault)];
        }
    }

    public bool Remove(int id)
    {
        lock (gate)
        {
            return faults.RemoveAll(entry => entry.Fault.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The delay to add and the error to answer (if any) for a request.</summary>
    public (TimeSpan Delay, AwsException? Error) Evaluate(string account, string region, string service, string operation)
    {
        var delay = TimeSpan.Zero;
        lock (gate)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var (fault, draw) = faults[i];
                if (!fault.Scope.Matches(account, region, service, operation) || (fault.Probability is { } p && draw.NextDouble() >= p))
                {
                    continue;
                }

                faults[i] = (fault with { Fired = fault.Fired + 1 }, draw);
                if (fault.Count is { } count && fault.Fired + 1 >= count)
                {
                    faults.RemoveAt(i--);
                }

                if (fault.Kind == "ignore-sort")
                {
                    continue;
                }

                if (fault.Kind == "latency")
                {
                    delay += TimeSpan.FromMilliseconds(fault.LatencyMs ?? 1000);
                    continue;
                }

                return (delay, ErrorOf(fault, account, service, operation));
            }
        }

        return (delay, null);
    }

    /// <summary>Whether a matching <c>ignore-sort</c> fault is in force (it never fails a request).</summary>
    public bool IgnoresSort(string account, string region, string service, string operation)
    {
        lock (gate)
        {
            return faults.Any(entry => entry.Fault.Kind == "ignore-sort" && entry.Fault.Scope.Matches(account, region, service, operation));
        }
    }

    private static AwsException ErrorOf(Fault fault, string account, string service, string operation) => fault.Kind switch
    {
        "throttle" => new AwsException("ThrottlingException", fault.Message ?? "Rate exceeded"),
        "access-denied" => new AwsException("AccessDeniedException", fault.Message
            ?? $"User: arn:aws:iam::{account}:user/simulator is not authorized to perform: {service}:{operation} because no identity-based policy allows the {service}:{operation} action"),
        "html-error" => HtmlError(fault.Status ?? 502, fault.Message),
        _ when fault.Status == 503 => new AwsException("ServiceUnavailableException", fault.Message ?? "Service unavailable", 503),
        _ => new AwsException("ServerException", fault.Message ?? "Internal server error", 500),
    };

    /// <summary>The page nginx answers for a status, as a load balancer or proxy in front of AWS would.</summary>
    private static AwsException HtmlError(int status, string? message)
    {
        var title = message ?? status switch
        {
            500 => "500 Internal Server Error",
            503 => "503 Service Temporarily Unavailable",
            504 => "504 Gateway Time-out",
            _ => "502 Bad Gateway",
        };
        return new AwsException("", title, status)
        {
            Page = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
        };
    }
}
