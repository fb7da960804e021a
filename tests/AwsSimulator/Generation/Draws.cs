namespace EcrCurator.AwsSimulator.Generation;

/// <summary>Deterministic draws from a seeded generator: digests, ids, sizes and choices.</summary>
internal sealed class Draws(int seed)
{
    private readonly Random random = new(seed);

    public static Draws ForDay(int seed, int day) => new(unchecked((seed * 1_000_003) + (day * 7919)));

    public string Digest() => "sha256:" + Hex(32);

    public string TaskId() => Hex(16);

    public bool Chance(double share) => share > 0 && random.NextDouble() < share;

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public long Size(long min, long max) => min + (long)(random.NextDouble() * (max - min));

    /// <summary><paramref name="count"/> distinct indexes below <paramref name="total"/>, in the order drawn.</summary>
    public IReadOnlyList<int> Pick(int count, int total)
    {
        var indexes = Enumerable.Range(0, total).ToArray();
        for (var i = 0; i < Math.Min(count, total); i++)
        {
            var j = i + random.Next(total - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return indexes[..Math.Min(count, total)];
    }

    private string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
