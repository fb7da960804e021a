namespace EcrCurator.Web.Hosting;

/// <summary>
/// Headers on every answer: no framing by another site (clickjacking an Approve button), no content sniffing, no
/// address in the Referer to other sites, and over https, HSTS (a year; not for localhost).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>After the proxy's headers are read: HSTS goes only with https, which a TLS load balancer forwards.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.UseHsts();
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(http);
        });
    }
}
