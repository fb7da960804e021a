namespace EcrCurator.Infrastructure.Aws.Ecr;

/// <summary>The ECR operations the product calls, every page and every batch within ECR's limits.</summary>
public sealed class EcrClient(AwsJsonClient client)
{
    public const int BatchLimit = 100;
    private const int PageLimit = 1000;

    public static readonly List<string> ManifestMediaTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v1+json",
    ];

    private string Registry => client.Target.AccountId;

    public async Task<List<EcrRepository>> DescribeRepositoriesAsync(CancellationToken cancellation)
    {
        var repositories = new List<EcrRepository>();
        string? next = null;
        do
        {
            var page = await client.SendAsync<DescribeRepositoriesResponse>("DescribeRepositories", new DescribeRepositoriesRequest(Registry, next, PageLimit), cancellation);
            repositories.AddRange(page.Repositories ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        return repositories;
    }

    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string repositoryArn, CancellationToken cancellation)
    {
        var answer = await client.SendAsync<ListTagsForResourceResponse>("ListTagsForResource", new ListTagsForResourceRequest(repositoryArn), cancellation);
        return (answer.Tags ?? []).DistinctBy(tag => tag.Key).ToDictionary(tag => tag.Key, tag => tag.Value);
    }

    /// <summary>The repository's lifecycle policy text as ECR stores it; null when it has none.</summary>
    public async Task<string?> GetLifecyclePolicyAsync(string repository, CancellationToken cancellation)
    {
        try
        {
            var answer = await client.SendAsync<GetLifecyclePolicyResponse>("GetLifecyclePolicy", new GetLifecyclePolicyRequest(Registry, repository), cancellation);
            return answer.LifecyclePolicyText;
        }
        catch (AwsException error) when (error.Code == "LifecyclePolicyNotFoundException")
        {
            return null;
        }
    }

    /// <summary>Every image of a repository, archived ones too.</summary>
    public async Task<List<ImageDetail>> DescribeImagesAsync(string repository, CancellationToken cancellation)
    {
        var images = new List<ImageDetail>();
        string? next = null;
        do
        {
            var request = new DescribeImagesRequest(Registry, repository, next, PageLimit, new DescribeImagesFilter(null, "ANY"));
            var page = await client.SendAsync<DescribeImagesResponse>("DescribeImages", request, cancellation);
            images.AddRange(page.ImageDetails ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        return images;
    }

    /// <summary>The images of these digests now (a missing one fails the call, as ECR does).</summary>
    public async Task<List<ImageDetail>> DescribeImagesAsync(string repository, IReadOnlyList<string> digests, CancellationToken cancellation)
    {
        var images = new List<ImageDetail>();
        foreach (var batch in digests.Chunk(BatchLimit))
        {
            var request = new DescribeImagesRequest(Registry, repository, null, null, new DescribeImagesFilter(null, "ANY"), [.. batch.Select(digest => new ImageId(digest))]);
            var page = await client.SendAsync<DescribeImagesResponse>("DescribeImages", request, cancellation);
            images.AddRange(page.ImageDetails ?? []);
        }

        return images;
    }

    /// <summary>Manifests in batches of 100, the batches under way at once (the account-region's gate bounds them).</summary>
    public async Task<(List<EcrImage> Images, List<ImageFailure> Failures)> BatchGetImageAsync(string repository, IEnumerable<string> digests, CancellationToken cancellation)
    {
        var answers = await Task.WhenAll(digests.Chunk(BatchLimit).Select(batch => client.SendAsync<BatchGetImageResponse>(
            "BatchGetImage", new BatchGetImageRequest(Registry, repository, [.. batch.Select(digest => new ImageId(digest))], ManifestMediaTypes), cancellation)));
        return ([.. answers.SelectMany(answer => answer.Images ?? [])], [.. answers.SelectMany(answer => answer.Failures ?? [])]);
    }

    /// <summary>Moves one image to another storage class (<see cref="EcrStorage.Archive"/> or <see cref="EcrStorage.Standard"/>): one call per image.</summary>
    public Task<UpdateImageStorageClassResponse> UpdateImageStorageClassAsync(string repository, string digest, string targetStorageClass, CancellationToken cancellation) =>
        client.SendAsync<UpdateImageStorageClassResponse>(
            "UpdateImageStorageClass", new UpdateImageStorageClassRequest(Registry, repository, new ImageId(digest), targetStorageClass), cancellation);

    /// <summary>Deletes up to 100 images by digest; ECR reports what it could not delete per image.</summary>
    public Task<BatchDeleteImageResponse> BatchDeleteImageAsync(string repository, IReadOnlyList<string> digests, CancellationToken cancellation) =>
        digests.Count is 0 or > BatchLimit
            ? throw new ArgumentOutOfRangeException(nameof(digests), digests.Count, $"BatchDeleteImage takes 1 to {BatchLimit} images.")
            : client.SendAsync<BatchDeleteImageResponse>("BatchDeleteImage", new BatchDeleteImageRequest(Registry, repository, [.. digests.Select(digest => new ImageId(digest))]), cancellation);
}
