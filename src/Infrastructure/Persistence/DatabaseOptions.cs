namespace EcrCurator.Infrastructure.Persistence;

/// <summary>
/// The database: <c>ConnectionStrings:Curator</c> (an Npgsql connection string), and <c>Curator:Database</c>.
/// Without a connection string the product runs without one (<c>plan</c> only).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Curator:Database";
    public const string ConnectionStringName = "Curator";

    /// <summary>Apply pending migrations when the application starts (else only <c>migrate</c> does).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
