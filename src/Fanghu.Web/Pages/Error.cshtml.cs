using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages;

/// <summary>The friendly page for errors and status codes; never shows exception details.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string RequestId { get; private set; } = "";

    /// <summary>The request was one of the public pages (/Apply): the resident has no home page to go back to.</summary>
    public bool Public { get; private set; }

    /// <summary>The request was a sign-in form (password or code): a 429 there is the login limit, not the public pages'.</summary>
    public bool Login { get; private set; }

    /// <summary>Whole minutes until the rate limiter lets the address through again (its Retry-After), for a 429.</summary>
    public int? RetryMinutes { get; private set; }

    public void OnGet() => Set();
    public void OnPost() => Set();

    // The code is read from the query by hand: binding a parameter would also read a re-executed POST's form, and an
    // oversized one (the reason for a 413) fails there and leaves the code empty.
    private void Set()
    {
        int? code = int.TryParse(Request.Query["code"], out var c) ? c : null;
        // An unreadable request (a body over the server's limit) keeps its own status rather than a 500.
        Code = code ?? (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
            ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        Public = original is not null && new PathString(original).StartsWithSegments("/Apply");
        Login = original is not null && (new PathString(original).StartsWithSegments("/Account/Login") || new PathString(original).StartsWithSegments("/Account/TwoFactor"));
        if (int.TryParse(Response.Headers.RetryAfter, out var seconds)) RetryMinutes = Math.Max(1, (seconds + 59) / 60);
    }
}
