using System.Threading.RateLimiting;
using EcrCurator.Infrastructure.Configuration;
using EcrCurator.Web.Features.Reports;
using EcrCurator.Web.Features.Tokens;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Api;

/// <summary>
/// The automation API: token sign-in, a policy per scope, a fixed window of <c>Curator:Api:RequestsPerMinute</c>
/// requests per token (429 with <c>Retry-After</c> past it), problem details, and the OpenAPI document at
/// <c>/api/v1/openapi.json</c> with a reference page at <c>/api/v1/reference</c>.
/// </summary>
public static class ApiSetup
{
    public const string RateLimit = "api-token";
    public const string DocumentName = "v1";

    public static string Policy(string scope) => "api:" + scope;

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TokensService>();
        builder.Services.AddScoped<ReportsService>();
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in TokenScopes.All)
        {
            authorization.AddPolicy(Policy(scope), policy => policy
                .AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(TokenScopes.ClaimType, scope));
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.Name ?? "",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (context, cancellation) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This token may make {context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute} requests a minute; try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext));
            };
        });
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocument>();
        });
        return builder;
    }

    /// <summary>After authorization (which signs a token in), so that each token has its own window.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapGet(ApiEndpoints.Base + "/reference", ApiReference.RenderAsync).ExcludeFromDescription();
        app.MapApiEndpoints();
        return app;
    }
}
