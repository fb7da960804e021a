using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.Features.Repository;

namespace EcrCurator.Web.Features.Api;

/// <summary>A pin to create: the image by <c>digest</c> or by <c>tag</c> (resolved as of the last snapshot).</summary>
public sealed record PinBody(string? AccountId, string? Region, string? Repository, string? Digest, string? Tag, string? Reason, DateTimeOffset? ExpiresAt);

/// <summary>A usage report: what <c>source</c> runs now, kept for <c>expiresInHours</c> (1 to 720).</summary>
public sealed record UsageReportBody(string? Source, IReadOnlyList<string?>? Images, int? ExpiresInHours);

public sealed record ApiPin(
    long Id, string AccountId, string Region, string Repository, string? Team, string Digest, IReadOnlyList<string> Tags,
    string PinnedBy, string Reason, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool Expired)
{
    public static ApiPin From(PinLine pin) => new(
        pin.Id, pin.AccountId, pin.Region, pin.Repository, pin.Team, pin.Digest, pin.Tags, pin.Actor, pin.Reason, pin.CreatedAt, pin.ExpiresAt, pin.Expired);
}

public sealed record ApiPins(IReadOnlyList<ApiPin> Items, int Total);

/// <summary>An image with its decision, every reason, where it runs, and its index children and attached artifacts.</summary>
public sealed record ApiImage(
    string Digest, IReadOnlyList<string> Tags, DateTimeOffset PushedAt, DateTimeOffset? LastPulledAt, long SizeBytes, string Status,
    string Decision, IReadOnlyList<string> Reasons, IReadOnlyList<UsageLocation> UsedBy, string Relation, ApiPinRef? Pin, IReadOnlyList<ApiImage> Dependents)
{
    public static ApiImage From(ImageLine image) => new(
        image.Digest, image.Tags, image.PushedAt, image.LastPulledAt, image.SizeBytes, image.Status, image.Decision, image.Reasons, image.UsedBy,
        image.Relation switch { ImageRelation.IndexChild => "index-child", ImageRelation.Attachment => "attached-artifact", _ => "top-level" },
        image.Pin is { } pin ? new ApiPinRef(pin.Id, pin.Actor, pin.Reason, pin.ExpiresAt) : null,
        [.. image.Dependents.Select(From)]);
}

public sealed record ApiPinRef(long Id, string PinnedBy, string Reason, DateTimeOffset? ExpiresAt);

public sealed record ApiRepositoryImages(
    long Id, string AccountId, string Region, string Name, string Team, string Mode, int ImageCount, int CandidateCount, long ReclaimableBytes,
    decimal MonthlySavings, IReadOnlyList<ApiImage> Images, int Total);
