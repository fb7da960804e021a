namespace EcrCurator.Web.Features.Database;

/// <summary><c>migrate</c>: applies the database migrations (SPEC 7).</summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        using var host = CommandHost.Build(args, errors);
        var applied = await host.Database().MigrateAsync(CancellationToken.None);
        output.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migrations: {string.Join(", ", applied)}");
        return 0;
    }
}
