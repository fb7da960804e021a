using EcrCurator.Web.Features.Api;
using EcrCurator.Web.SignIn;

namespace EcrCurator.Web.Tests.SignIn;

public class SignedInUserTests
{
    [Fact]
    public void ASessionNamedLikeAnApiTokenHasNoRoleWhateverItClaims()
    {
        var user = SignedInUser.From(SignedInUser.Principal("token:deploy-care", CuratorRoles.Admin, "Cookies"));

        Assert.Null(user.Role);
    }

    [Fact]
    public void AnApiTokenAuthenticatedAsOneKeepsTheRoleItsScopesLend()
    {
        var user = SignedInUser.From(SignedInUser.Principal("token:deploy-care", CuratorRoles.Curator, TokenAuthentication.SchemeName));

        Assert.Equal(("token:deploy-care", CuratorRoles.Curator), (user.Name, user.Role));
    }
}
