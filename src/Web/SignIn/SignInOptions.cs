namespace EcrCurator.Web.SignIn;

/// <summary>How people sign in to the dashboard (<c>Curator:SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "Curator:SignIn";

    /// <summary>The development sign-in (pick a demo user and role, no password), allowed only in these environments.</summary>
    public static readonly IReadOnlyList<string> DevelopmentEnvironments = ["Development", "Demo"];

    /// <summary><c>Development</c>; the default in the Development and Demo environments.</summary>
    public string? Mode { get; set; }

    /// <summary>The people the development sign-in offers.</summary>
    public List<string> DemoUsers { get; set; } = ["aiko", "ben", "chiara", "daniel"];
}
