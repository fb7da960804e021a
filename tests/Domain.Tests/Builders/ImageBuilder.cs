namespace EcrCurator.Domain.Tests.Builders;

/// <summary>One image of a test repository, named for readability; its digest is <see cref="Digests.Of"/> of the name.</summary>
public sealed class ImageBuilder(string name, DateTimeOffset pushed, IReadOnlyList<string> tags)
{
    private IReadOnlyList<string> tags = tags;
    private long size = 1_000;
    private DateTimeOffset? pulled;
    private IReadOnlyList<Layer>? layers;
    private IReadOnlyList<string> manifests = [];
    private string? mediaType;
    private string? subject;
    private ImageStatus status = ImageStatus.Active;
    private DateTimeOffset? archivedAt;
    private DateTimeOffset? activatedAt;
    private bool childrenUnknown;

    /// <summary>Replaces the image's tags.</summary>
    public ImageBuilder Tagged(params string[] newTags)
    {
        tags = newTags;
        return this;
    }

    public ImageBuilder Size(long bytes)
    {
        size = bytes;
        return this;
    }

    public ImageBuilder Pulled(DateTimeOffset at)
    {
        pulled = at;
        return this;
    }

    /// <summary>The manifest's layers, each named (its digest derives from "layer:" and the name) with its size.</summary>
    public ImageBuilder Layers(params (string Name, long Size)[] named)
    {
        layers = [.. named.Select(layer => new Layer(Digests.Of("layer:" + layer.Name), layer.Size))];
        return this;
    }

    /// <summary>Makes this image an OCI image index referencing the named images.</summary>
    public ImageBuilder Index(params string[] children)
    {
        manifests = [.. children.Select(Digests.Of)];
        mediaType = ImageRecord.IndexMediaType;
        return this;
    }

    /// <summary>Makes this image an artifact whose OCI <c>subject</c> is the named image.</summary>
    public ImageBuilder Subject(string image)
    {
        subject = Digests.Of(image);
        mediaType = "application/vnd.oci.image.manifest.v1+json";
        return this;
    }

    /// <summary>Archived (when given, at that time: ECR's <c>lastArchivedAt</c>).</summary>
    public ImageBuilder Archived(DateTimeOffset? at = null)
    {
        status = ImageStatus.Archived;
        archivedAt = at ?? archivedAt;
        return this;
    }

    /// <summary>Restored from the archive at that time (ECR's <c>lastActivatedAt</c>), and active again.</summary>
    public ImageBuilder Restored(DateTimeOffset at, DateTimeOffset? archived = null)
    {
        status = ImageStatus.Active;
        activatedAt = at;
        archivedAt = archived ?? archivedAt;
        return this;
    }

    /// <summary>Being restored from the archive.</summary>
    public ImageBuilder Activating()
    {
        status = ImageStatus.Activating;
        return this;
    }

    /// <summary>An index whose manifest could not be read: its children are unknown.</summary>
    public ImageBuilder IndexOfUnknownChildren()
    {
        mediaType = ImageRecord.IndexMediaType;
        manifests = [];
        childrenUnknown = true;
        return this;
    }

    /// <summary>Moved to the archive storage class at <paramref name="at"/> (ECR's <c>lastArchivedAt</c>).</summary>
    public ImageBuilder ArchivedAt(DateTimeOffset at) => Archived(at);

    /// <summary>Restored from the archive at <paramref name="at"/> (ECR's <c>lastActivatedAt</c>), archived before that.</summary>
    public ImageBuilder RestoredAt(DateTimeOffset at) => Restored(at, archivedAt ?? at - TimeSpan.FromDays(100));

    public ImageRecord Build() => new()
    {
        Digest = Digests.Of(name),
        Tags = tags,
        PushedAt = pushed,
        SizeBytes = size,
        LastPulledAt = pulled,
        MediaType = mediaType,
        ArtifactMediaType = subject is null ? null : "application/vnd.dev.cosign.artifact.sig.v1+json",
        Manifests = manifests,
        Subject = subject,
        Layers = layers,
        Status = status,
        LastArchivedAt = archivedAt,
        LastActivatedAt = activatedAt,
        ChildrenUnknown = childrenUnknown,
    };
}
