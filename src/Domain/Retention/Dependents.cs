namespace EcrCurator.Domain;

/// <summary>The index children and attached artifacts among a repository's images: the images that hang on another one present.</summary>
public static class Dependents
{
    public static IReadOnlySet<string> Of(IReadOnlyList<ImageRecord> images)
    {
        var relations = ImageRelations.Of(images);
        var dependents = new HashSet<string>(DigestComparer.Instance);
        for (var i = 0; i < images.Count; i++)
        {
            if (relations.IsDependent[i])
            {
                dependents.Add(images[i].Digest);
            }
        }

        return dependents;
    }
}
