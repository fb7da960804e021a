namespace EcrCurator.Domain;

/// <summary>
/// How a repository's images depend on each other: an index's children, and the artifacts attached to an image
/// (by OCI <c>subject</c>, or by a <c>sha256-HEX.sig|.att|.sbom</c> tag naming its digest).
/// </summary>
internal sealed class ImageRelations
{
    private const string AttachmentTagPrefix = "sha256-";
    private static readonly string[] AttachmentSuffixes = [".sig", ".att", ".sbom"];

    private ImageRelations(int count)
    {
        Children = new List<int>?[count];
        Attachments = new List<int>?[count];
        IsDependent = new bool[count];
    }

    public List<int>?[] Children { get; }

    public List<int>?[] Attachments { get; }

    /// <summary>Index children and attached artifacts: not top-level images.</summary>
    public bool[] IsDependent { get; }

    public static ImageRelations Of(IReadOnlyList<ImageRecord> images)
    {
        var relations = new ImageRelations(images.Count);
        if (!HasAnyRelation(images))
        {
            return relations;
        }

        var lookup = new Dictionary<string, int>(images.Count, DigestComparer.Instance);
        for (var i = 0; i < images.Count; i++)
        {
            lookup.TryAdd(images[i].Digest, i);
        }

        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            for (var m = 0; m < image.Manifests.Count; m++)
            {
                if (lookup.TryGetValue(image.Manifests[m], out var child) && child != i)
                {
                    (relations.Children[i] ??= []).Add(child);
                    relations.IsDependent[child] = true;
                }
            }

            if (image.Subject is { } subject)
            {
                relations.Attach(i, subject, lookup);
            }

            for (var t = 0; t < image.Tags.Count; t++)
            {
                if (AttachedTo(image.Tags[t]) is { } target)
                {
                    relations.Attach(i, target, lookup);
                }
            }
        }

        return relations;
    }

    private static bool HasAnyRelation(IReadOnlyList<ImageRecord> images)
    {
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            if (image.Manifests.Count > 0 || image.Subject is not null)
            {
                return true;
            }

            for (var t = 0; t < image.Tags.Count; t++)
            {
                if (image.Tags[t].StartsWith(AttachmentTagPrefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Attach(int artifact, string subject, Dictionary<string, int> lookup)
    {
        if (lookup.TryGetValue(subject, out var target) && target != artifact)
        {
            (Attachments[target] ??= []).Add(artifact);
            IsDependent[artifact] = true;
        }
    }

    /// <summary>The digest a tag such as <c>sha256-HEX.sig</c> names, or null.</summary>
    private static string? AttachedTo(string tag)
    {
        const int hexLength = 64;
        if (!tag.StartsWith(AttachmentTagPrefix, StringComparison.Ordinal) || tag.Length <= AttachmentTagPrefix.Length + hexLength)
        {
            return null;
        }

        var hex = tag.AsSpan(AttachmentTagPrefix.Length, hexLength);
        var suffix = tag.AsSpan(AttachmentTagPrefix.Length + hexLength);
        foreach (var expected in AttachmentSuffixes)
        {
            if (suffix.SequenceEqual(expected) && !hex.ContainsAnyExcept("0123456789abcdefABCDEF"))
            {
                return "sha256:" + hex.ToString().ToLowerInvariant();
            }
        }

        return null;
    }
}
