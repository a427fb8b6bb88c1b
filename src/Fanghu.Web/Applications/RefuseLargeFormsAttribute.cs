using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Fanghu.Web.Applications;

/// <summary>
/// Reads a posted form within the server's body limit (<see cref="RequestSizeLimitAttribute"/>, which runs before it)
/// and answers 413 when it is over. Without it the antiforgery check reads the form first and calls an oversized
/// body a bad token (400), and the resident would not learn that the text was too long.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RefuseLargeFormsAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After RequestSizeLimit (900), before the antiforgery check (1000).</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType) return;
        try
        {
            // The form is kept on the request: the antiforgery check and the binding read it from there.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
