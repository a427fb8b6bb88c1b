using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// Every way into the running app, read from its routing table: each minimal API route with each of its HTTP methods,
/// each Razor page with each of its handlers (OnGet, OnPostApprove… — a page is one endpoint, its handlers are chosen
/// by <c>?handler=</c>), and anything else mapped (health checks, OpenAPI). Static files are middleware, not endpoints.
/// </summary>
public static class RoutingTable
{
    /// <param name="Key">How the matrix names it: "GET /api/v1/cases/{id}" or "POST /Monitoring/Case?handler=Approve".</param>
    /// <param name="Route">The route to request, its parameters still in braces.</param>
    /// <param name="IsPage">A Razor page (refusals redirect) rather than an API (refusals are 401/403).</param>
    public sealed record Entry(string Key, string Method, string Route, string? Handler, bool IsPage);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var entries = new Dictionary<string, Entry>();
        foreach (var endpoint in services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var key = $"{method} {page.ViewEnginePath}" + (handler.Name is { } name ? $"?handler={name}" : "");
                    // An Index page has two routes (/Reports/Snapshots and /Reports/Snapshots/Index): request the shorter.
                    if (!entries.TryGetValue(key, out var known) || route.Length < known.Route.Length)
                        entries[key] = new Entry(key, method, route, handler.Name, IsPage: true);
                }
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                var key = $"{method} {Unconstrained(route)}";
                entries[key] = new Entry(key, method, route, null, IsPage: false);
            }
        }
        return [.. entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>/api/v1/cases/{id:long} → /api/v1/cases/{id}: the matrix names parameters, not their constraints.</summary>
    public static string Unconstrained(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:=?]+)[^}]*\}", "{$1}");
}
