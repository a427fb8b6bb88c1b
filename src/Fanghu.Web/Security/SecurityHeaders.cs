namespace Fanghu.Web.Security;

/// <summary>
/// The headers every response carries, pages, API, static files and error pages alike (docs/adr/0015). The pages
/// have no inline script or event handler: the dashboard's data travels in a <c>&lt;script type="application/json"&gt;</c>
/// block, which the browser never executes, and its code comes from /js. Only <c>style</c> attributes are allowed
/// inline (<c>style-src-attr</c>): ECharts' SVG renderer writes them on the elements it draws; style sheets and
/// <c>&lt;style&gt;</c> elements stay limited to our own.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Nothing Fanghu does needs the camera, the microphone, the position or payment.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the response starts: the exception handler clears the headers of a failed response before it
            // writes the error page, which must carry them too.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
