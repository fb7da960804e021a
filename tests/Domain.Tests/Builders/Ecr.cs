namespace EcrCurator.Domain.Tests.Builders;

/// <summary>The registry a test world lives in unless it says otherwise, and references to it.</summary>
public static class Ecr
{
    public const string Account = "111111111111";
    public const string OtherAccount = "222222222222";
    public const string Region = "ap-northeast-1";
    public const string OtherRegion = "us-east-1";

    public static string Host(string account = Account, string region = Region) => $"{account}.dkr.ecr.{region}.amazonaws.com";

    public static RepositoryKey Key(string repository, string account = Account, string region = Region) => new(account, region, repository);

    /// <summary>A full reference to a repository of an ECR registry: <c>Ref("care/api:v1")</c>.</summary>
    public static string Ref(string path, string account = Account, string region = Region) => $"{Host(account, region)}/{path}";

    /// <summary>A reference by digest to the image named <paramref name="image"/>.</summary>
    public static string At(string repository, string image, string account = Account, string region = Region) =>
        Ref($"{repository}@{Digests.Of(image)}", account, region);

    /// <summary>
    /// A reference as a task definition writes it. One without a registry host (no '.' or ':' before the first
    /// '/') is taken to mean this world's default registry, so tests can write <c>"care/api:v1"</c>.
    /// </summary>
    public static string Expand(string reference)
    {
        var slash = reference.IndexOf('/');
        var first = slash < 0 ? "" : reference[..slash];
        return first.Contains('.') || first.Contains(':') ? reference : Ref(reference);
    }
}
