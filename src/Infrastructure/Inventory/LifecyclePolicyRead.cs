using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Aws.Ecr;

namespace EcrCurator.Infrastructure.Inventory;

/// <summary>
/// A repository's lifecycle policy as a snapshot reads it, beside its images: its text, none, or why it could not be
/// read. A policy that cannot be read (access denied, say) is a finding on the repository, never a reason to leave
/// the repository out or to call the snapshot incomplete: the product's own decisions do not depend on it.
/// </summary>
public sealed record LifecyclePolicyRead(string? Text, string? Unreadable)
{
    public static async Task<LifecyclePolicyRead> StartAsync(EcrClient ecr, string repository, CancellationToken cancellation)
    {
        try
        {
            return new LifecyclePolicyRead(await ecr.GetLifecyclePolicyAsync(repository, cancellation), null);
        }
        catch (AwsException error)
        {
            return new LifecyclePolicyRead(null, error.Message);
        }
    }

    public RepositoryRecord AddTo(RepositoryRecord repository) => repository with { LifecyclePolicy = Text, LifecyclePolicyUnreadable = Unreadable };
}
