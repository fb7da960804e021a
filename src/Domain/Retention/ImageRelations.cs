namespace EcrCurator.Domain;

/// <summary>
/// How a repository's images depend on each other: an index's children, and the artifacts attached to an image
/// (by OCI <c>subject</c>, or by a <c>sha256-HEX.sig|.att|.sbom</c> tag naming its digest).
/// </summary>
internal sealed class ImageRelations
{
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

    public static ImageRelations Of(IReadOnlyList<ImageRecord> images, RepositoryImages lookup)
    {
        var relations = new ImageRelations(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            foreach (var manifest in image.Manifests)
            {
                if (lookup.TryFind(manifest, out var child) && child != i)
                {
                    (relations.Children[i] ??= []).Add(child);
                    relations.IsDependent[child] = true;
                }
            }

            if (image.Subject is { } subject)
            {
                relations.Attach(i, subject, lookup);
            }

            foreach (var tag in image.Tags)
            {
                if (AttachedTo(tag) is { } target)
                {
                    relations.Attach(i, target, lookup);
                }
            }
        }

        return relations;
    }

    private void Attach(int artifact, string subject, RepositoryImages lookup)
    {
        if (lookup.TryFind(subject, out var target) && target != artifact)
        {
            (Attachments[target] ??= []).Add(artifact);
            IsDependent[artifact] = true;
        }
    }

    /// <summary>The digest a tag such as <c>sha256-HEX.sig</c> names, or null.</summary>
    private static string? AttachedTo(string tag)
    {
        const string prefix = "sha256-";
        const int hexLength = 64;
        if (!tag.StartsWith(prefix, StringComparison.Ordinal) || tag.Length <= prefix.Length + hexLength)
        {
            return null;
        }

        var hex = tag.AsSpan(prefix.Length, hexLength);
        var suffix = tag.AsSpan(prefix.Length + hexLength);
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
