using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EcrCurator.Web.Features.Api;

/// <summary>The OpenAPI document's title, description and bearer-token security.</summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ECR Curator API",
            Version = "v1",
            Description = "Read repositories, decisions, proposals and pins; pin images from deploy pipelines; report the images that run where the product cannot look. "
                          + "Every request carries Authorization: Bearer TOKEN (an Admin creates tokens in Settings or with the token create command); "
                          + "each token has scopes (read, pins:write, usage:report), may be limited to teams, and may make Curator:Api:RequestsPerMinute requests a minute. "
                          + "Errors are RFC 9457 problem details.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["token"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API token: ecrc_ID_SECRET.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", document)] = [] }];
        return Task.CompletedTask;
    }
}
