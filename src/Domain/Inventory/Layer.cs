namespace EcrCurator.Domain;

/// <summary>A layer blob of an image manifest; layers shared between images are stored once.</summary>
public sealed record Layer
{
    public Layer(string digest, long size)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Digest = digest;
        Size = size;
    }

    public string Digest { get; }

    public long Size { get; }
}
