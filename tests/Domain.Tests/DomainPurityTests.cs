using System.Reflection;

namespace EcrCurator.Domain.Tests;

/// <summary>STYLE "Domain": the engine references only the framework, no package and no project.</summary>
public class DomainPurityTests
{
    private static readonly Assembly Domain = typeof(RetentionEngine).Assembly;

    [Fact]
    public void ReferencesOnlyFrameworkAssemblies()
    {
        var references = Domain.GetReferencedAssemblies();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Matches(@"^(System(\..+)?|Microsoft\..+|netstandard|mscorlib)$", reference.Name));
    }

    [Fact]
    public void LoadsEveryReferenceFromTheSharedFrameworkDirectory()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);

        Assert.All(Domain.GetReferencedAssemblies(), reference =>
            Assert.Equal(framework, Path.GetDirectoryName(Assembly.Load(reference).Location)));
    }
}
