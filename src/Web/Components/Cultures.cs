using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace EcrCurator.Web.Components;

/// <summary>
/// The dashboard in English and Japanese: chosen from the browser's Accept-Language, switchable by a cookie that
/// <c>/culture/{name}</c> sets.
/// </summary>
public static class Cultures
{
    public static readonly IReadOnlyList<string> Supported = ["en", "ja"];

    public static void UseCultures(this WebApplication app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(Supported[0])
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]));

    public static void MapCultures(this WebApplication app) =>
        app.MapGet("/culture/{name}", (HttpContext http, string name, string? returnUrl) =>
        {
            if (!Supported.Contains(name))
            {
                return Results.BadRequest($"The dashboard speaks {string.Join(" and ", Supported)}.");
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(name))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect("~" + SignIn.ReturnAddress.PathFor(http.Request, returnUrl));
        }).AllowAnonymous();
}
