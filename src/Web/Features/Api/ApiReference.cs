using System.Net;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EcrCurator.Web.Features.Api;

/// <summary>
/// <c>/api/v1/reference</c>: the OpenAPI document as a plain page for people (no script): every endpoint with its
/// scope, parameters, body and answers, and the shapes of what it reads and returns.
/// </summary>
public static class ApiReference
{
    public static async Task<IResult> RenderAsync(IServiceProvider services, CancellationToken cancellation)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiSetup.DocumentName).GetOpenApiDocumentAsync(cancellation);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(document.Info.Title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f4f4f4;padding:0 .25rem}")
            .Append("table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}.method{font-weight:bold;text-transform:uppercase}</style></head><body>")
            .Append("<h1>").Append(E(document.Info.Title)).Append(' ').Append(E(document.Info.Version)).Append("</h1><p>").Append(E(document.Info.Description)).Append("</p>")
            .Append("<p>The machine-readable document: <a href=\"openapi.json\">openapi.json</a>.</p><h2>Endpoints</h2>");
        foreach (var (path, item) in document.Paths.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                page.Append("<section id=\"").Append(E(operation.OperationId)).Append("\"><h3><span class=\"method\">").Append(E(method.Method)).Append("</span> <code>")
                    .Append(E(path)).Append("</code> — ").Append(E(operation.Summary)).Append("</h3><p>").Append(E(operation.Description)).Append("</p>");
                if (operation.Parameters is { Count: > 0 } parameters)
                {
                    page.Append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th></tr>");
                    foreach (var parameter in parameters)
                    {
                        page.Append("<tr><td><code>").Append(E(parameter.Name)).Append("</code></td><td>").Append(E(parameter.In?.ToString().ToLowerInvariant()))
                            .Append("</td><td>").Append(E(TypeOf(parameter.Schema))).Append("</td><td>").Append(parameter.Required ? "yes" : "no").Append("</td></tr>");
                    }

                    page.Append("</table>");
                }

                if (operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema is { } body)
                {
                    page.Append("<p>Body: <code>").Append(E(TypeOf(body))).Append("</code></p>");
                }

                page.Append("<p>Answers: ").AppendJoin(", ", (operation.Responses ?? []).Select(response => $"<code>{E(response.Key)}</code> {E(response.Value.Description)}")).Append("</p></section>");
            }
        }

        page.Append("<h2>Shapes</h2>");
        foreach (var (name, schema) in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            page.Append("<h3 id=\"").Append(E(name)).Append("\"><code>").Append(E(name)).Append("</code></h3>");
            if (schema.Properties is { Count: > 0 } properties)
            {
                page.Append("<table><tr><th>field</th><th>type</th></tr>");
                foreach (var (field, type) in properties)
                {
                    page.Append("<tr><td><code>").Append(E(field)).Append("</code></td><td>").Append(E(TypeOf(type))).Append("</td></tr>");
                }

                page.Append("</table>");
            }
            else if (schema.Enum is { Count: > 0 } values)
            {
                page.Append("<p>One of ").AppendJoin(", ", values.Select(value => $"<code>{E(value?.ToJsonString())}</code>")).Append("</p>");
            }
        }

        page.Append("</body></html>");
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }

    private static string TypeOf(IOpenApiSchema? schema) => schema switch
    {
        null => "",
        OpenApiSchemaReference reference => reference.Reference.Id ?? "object",
        { Type: { } type } when type.HasFlag(JsonSchemaType.Array) => $"array of {TypeOf(schema.Items)}",
        { Type: { } type } => string.Join(" or ", Enum.GetValues<JsonSchemaType>().Where(flag => type.HasFlag(flag)).Select(flag => flag.ToString().ToLowerInvariant()))
                              + (schema.Format is { } format ? $" ({format})" : ""),
        { OneOf.Count: > 0 } => string.Join(" or ", schema.OneOf.Select(TypeOf)),
        { AnyOf.Count: > 0 } => string.Join(" or ", schema.AnyOf.Select(TypeOf)),
        _ => "object",
    };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
