using System.Globalization;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Policies;

namespace EcrCurator.Web.Features.Plan;

/// <summary>The plan as a readable table per team and repository, with totals and projected monthly savings.</summary>
public static class PlanTable
{
    public static void Write(RetentionPlan plan, StorageOptions storage, TextWriter output)
    {
        foreach (var team in plan.Repositories.GroupBy(repository => repository.Repository.Team).OrderBy(team => team.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"== team {team.Key}: {Totals([.. team], storage)}");
            foreach (var repository in team)
            {
                WriteRepository(repository, storage, output);
            }

            output.WriteLine();
        }

        output.WriteLine($"Total: {plan.Repositories.Count} repositories, {Totals(plan.Repositories, storage)}");
    }

    private static void WriteRepository(RepositoryPlan repository, StorageOptions storage, TextWriter output)
    {
        var key = repository.Repository.Key;
        output.WriteLine($"-- {key.Name} ({key.AccountId} {key.Region}, {repository.Policy.Mode}): {Totals([repository], storage)}");
        foreach (var image in repository.Images)
        {
            var tags = image.Image.Tags.Count == 0 ? "<untagged>" : string.Join(",", image.Image.Tags);
            output.WriteLine(
                $"   {(image.IsCandidate ? "DELETE" : "keep  ")}  {image.Image.Digest[..Math.Min(19, image.Image.Digest.Length)]}  "
                + $"{image.Image.PushedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  "
                + $"{Size(image.Image.SizeBytes),10}  {Truncate(tags, 32),-32}  {string.Join(" ", image.ReasonCodes)}");
        }

        foreach (var line in LifecycleLines.Of(repository.Lifecycle))
        {
            output.WriteLine($"   {line}");
        }
    }

    private static string Totals(IReadOnlyList<RepositoryPlan> repositories, StorageOptions storage)
    {
        var candidates = repositories.Sum(repository => repository.Candidates.Count());
        var candidateBytes = repositories.Sum(repository => repository.Bytes.CandidateBytes);
        var reclaimable = repositories.Sum(repository => repository.Bytes.ReclaimableBytes);
        return $"{repositories.Sum(repository => repository.Images.Count)} images, {Size(repositories.Sum(repository => repository.Bytes.ImageBytes))}; "
               + $"delete {candidates}: {Size(candidateBytes)} by image size ({Money(storage.MonthlyCost(candidateBytes), storage)}/month), "
               + $"{Size(reclaimable)} actually freed ({Money(storage.MonthlyCost(reclaimable), storage)}/month)";
    }

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{StorageOptions.Gb(bytes):0.000} GiB");

    private static string Money(decimal amount, StorageOptions storage) => string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {storage.Currency}");

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
