using EcrCurator.Web.Features.Approvals;
using NetArchTest.Rules;

namespace EcrCurator.Web.Tests.Features;

/// <summary>The dashboard's features reach the job queue only through Infrastructure's <c>JobQueue</c>.</summary>
public class FeatureServicesTests
{
    [Fact]
    public void NoFeatureReferencesHangfire()
    {
        var features = Types.InAssembly(typeof(ApprovalsService).Assembly).That().ResideInNamespace("EcrCurator.Web.Features");

        var result = features.ShouldNot().HaveDependencyOn("Hangfire").GetResult();

        Assert.True(features.GetTypes().Count() > 50, "the features were not found");
        Assert.True(result.IsSuccessful, "These reference Hangfire: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
