using System.Globalization;
using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Plan;

/// <summary>The plan as a readable table per team and repository, with totals.</summary>
public static class PlanTable
{
    public static void Write(RetentionPlan plan, TextWriter output)
    {
        foreach (var team in plan.Repositories.GroupBy(repository => repository.Repository.Team).OrderBy(team => team.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"== team {team.Key}");
            foreach (var repository in team)
            {
                WriteRepository(repository, output);
            }
        }

        var candidates = plan.Repositories.Sum(repository => repository.Candidates.Count());
        output.WriteLine(
            $"Total: {plan.Repositories.Count} repositories, {plan.Repositories.Sum(repository => repository.Images.Count)} images, "
            + $"{Size(plan.Repositories.Sum(repository => repository.Bytes.ImageBytes))} stored; {candidates} to delete, "
            + $"{Size(plan.Repositories.Sum(repository => repository.Bytes.CandidateBytes))} by image size, "
            + $"{Size(plan.Repositories.Sum(repository => repository.Bytes.ReclaimableBytes))} actually freed.");
    }

    private static void WriteRepository(RepositoryPlan repository, TextWriter output)
    {
        var key = repository.Repository.Key;
        output.WriteLine(
            $"-- {key.Name} ({key.AccountId} {key.Region}, {repository.Policy.Mode}): {repository.Images.Count} images, "
            + $"{Size(repository.Bytes.ImageBytes)}; delete {repository.Candidates.Count()}, "
            + $"{Size(repository.Bytes.CandidateBytes)} by image size, {Size(repository.Bytes.ReclaimableBytes)} freed");
        foreach (var image in repository.Images)
        {
            var tags = image.Image.Tags.Count == 0 ? "<untagged>" : string.Join(",", image.Image.Tags);
            output.WriteLine(
                $"   {(image.IsCandidate ? "DELETE" : "keep  ")}  {image.Image.Digest[..19]}  {image.Image.PushedAt:yyyy-MM-dd}  "
                + $"{Size(image.Image.SizeBytes),10}  {Truncate(tags, 32),-32}  {string.Join(" ", image.ReasonCodes)}");
        }
    }

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.000} GB");

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
