using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Fanghu.Web.Localization;

/// <summary>
/// Simplified Chinese by default, English on request. The choice lives in the standard culture cookie,
/// set by <c>/culture/{name}</c>; the browser's Accept-Language is deliberately ignored so that every
/// cadre sees the same screens unless they ask.
/// </summary>
public static class FanghuLocalization
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    private static readonly CultureInfo[] Supported = [new(Chinese), new(English)];

    public static IServiceCollection AddFanghuLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static IApplicationBuilder UseFanghuLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>GET /culture/{name}?returnUrl=/…: remembers the language for a year and goes back.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{name}", SwitchCulture).AllowAnonymous().ExcludeFromDescription();

    private static IResult SwitchCulture(string name, string? returnUrl, HttpContext context)
    {
        var culture = Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Name ?? Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
