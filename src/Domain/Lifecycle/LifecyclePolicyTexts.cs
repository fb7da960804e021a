using System.Collections.Concurrent;

namespace EcrCurator.Domain;

/// <summary>Lifecycle policy texts understood (or not), each once: a run decides many repositories that share a policy.</summary>
internal sealed class LifecyclePolicyTexts
{
    private readonly ConcurrentDictionary<string, (LifecyclePolicy? Policy, string? NotUnderstood)> understood = new(StringComparer.Ordinal);

    public (LifecyclePolicy? Policy, string? NotUnderstood) Of(string text) =>
        understood.GetOrAdd(text, static text => LifecyclePolicy.TryParse(text, out var policy, out var notUnderstood) ? (policy, null) : (null, notUnderstood));
}
