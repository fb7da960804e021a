namespace EcrCurator.Domain.Tests.Builders;

/// <summary>The images of one test repository.</summary>
public sealed class RepositoryBuilder
{
    private readonly List<ImageBuilder> images = [];

    /// <summary>An image named and tagged <paramref name="tag"/>.</summary>
    public RepositoryBuilder Image(string tag, DateTimeOffset pushed, Action<ImageBuilder>? with = null) =>
        Add(new ImageBuilder(tag, pushed, [tag]), with);

    /// <summary>An image named <paramref name="name"/> with several tags (or none).</summary>
    public RepositoryBuilder Image(string name, string[] tags, DateTimeOffset pushed, Action<ImageBuilder>? with = null) =>
        Add(new ImageBuilder(name, pushed, tags), with);

    /// <summary>An image without tags, named <paramref name="name"/> only for the test.</summary>
    public RepositoryBuilder Untagged(string name, DateTimeOffset pushed, Action<ImageBuilder>? with = null) =>
        Add(new ImageBuilder(name, pushed, []), with);

    public IReadOnlyList<ImageRecord> Build() => [.. images.Select(image => image.Build())];

    private RepositoryBuilder Add(ImageBuilder image, Action<ImageBuilder>? with)
    {
        with?.Invoke(image);
        images.Add(image);
        return this;
    }
}
