using System.Net;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Errors;

/// <summary>
/// The one place unexpected exceptions end up. The API gets ProblemDetails with a trace id and no stack
/// trace; for people it declines, and the exception middleware re-executes the friendly /Error page. A database that is
/// away (<see cref="DatabaseUnavailable"/>) is a 503 that says so, for both.
/// </summary>
public sealed partial class FanghuExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> l,
    ILogger<FanghuExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>When to try again, in seconds: about how long PostgreSQL takes to restart.</summary>
    private const string RetryAfterSeconds = "10";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // Declined exceptions are logged by the exception middleware itself; handled ones are logged here.
        // The middleware has already rewritten the path to /Error when handlers run: the request's own path is in the feature.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : context.Request.Path;
        if (DatabaseUnavailable.Is(exception)) return await UnavailableAsync(context, path, exception);
        if (!path.StartsWithSegments("/api")) return false;

        // Refusals of the workflow are expected: the user gets the reason, in Chinese, and nothing is logged as an error.
        if (exception is WorkflowRuleException or ConflictException or NotFoundException)
        {
            var expected = exception is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            context.Response.StatusCode = expected;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = expected,
                    Title = exception switch
                    {
                        NotFoundException => "未找到",
                        ConflictException => "数据已被他人修改",
                        _ => "不能办理该操作",
                    },
                    Detail = exception.Message,
                    Extensions = { ["traceId"] = context.TraceIdentifier },
                },
            });
        }

        var cancelled = exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested;
        if (!cancelled) LogUnhandled(logger, context.Request.Method, path.Value ?? "", context.TraceIdentifier, exception);

        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when cancelled => 499,
            _ => StatusCodes.Status500InternalServerError,
        };
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status500InternalServerError ? "系统内部错误，请稍后重试或联系管理员" : "请求无法处理",
                Extensions = { ["traceId"] = context.TraceIdentifier },
            },
        });
    }

    /// <summary>
    /// The database is away: 503 with a Retry-After. People get a page written here rather than the re-executed /Error
    /// page, since re-executing runs authentication again, and checking a sign-in cookie reads the database.
    /// </summary>
    private async ValueTask<bool> UnavailableAsync(HttpContext context, PathString path, Exception exception)
    {
        LogUnavailable(logger, context.Request.Method, path.Value ?? "", context.TraceIdentifier, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        if (path.StartsWithSegments("/api"))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = l["Error.Unavailable"],
                    Detail = l["Error.UnavailableHint"],
                    Extensions = { ["traceId"] = context.TraceIdentifier },
                },
            });
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        var title = WebUtility.HtmlEncode(l["Error.Unavailable"]);
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><section class="card error"><h1>{title}</h1><p>{WebUtility.HtmlEncode(l["Error.UnavailableHint"])}</p>
            <p class="muted">{WebUtility.HtmlEncode(l["Error.Reference", context.TraceIdentifier])}</p>
            <p><a class="button" href="{WebUtility.HtmlEncode(path.Value ?? "/")}">{WebUtility.HtmlEncode(l["Error.TryAgain"])}</a></p></section></main></body></html>
            """);
        return true;
    }

    // A warning without the stack: while the database is away every request ends here, and the cause is one line.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path} (trace {TraceId}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, string traceId, Exception exception);
}
