using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;

namespace EcrCurator.Web.Features.Api;

/// <summary>
/// Runs an API endpoint as the token's principal (so that the feature services authorize it as they authorize a
/// person) and answers what they refuse as RFC 9457 problem details: 400 bad input, 403 refused, 404 not there, 409 conflict.
/// </summary>
public sealed class ApiProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.RequestServices.UseRequestUser(context.HttpContext);
        try
        {
            return await next(context);
        }
        catch (DashboardException refused)
        {
            var (status, title) = refused switch
            {
                AccessRefusedException => (StatusCodes.Status403Forbidden, "Not allowed"),
                NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
                ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
                _ => (StatusCodes.Status400BadRequest, "Bad request"),
            };
            return Results.Problem(statusCode: status, title: title, detail: refused.Message);
        }
    }
}
