using Fanghu.Monitoring;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Errors;

/// <summary>
/// The one place unexpected exceptions end up. The API gets ProblemDetails with a trace id and no stack
/// trace; for people it declines, and the exception middleware re-executes the friendly /Error page.
/// </summary>
public sealed partial class FanghuExceptionHandler(IProblemDetailsService problems, ILogger<FanghuExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // Declined exceptions are logged by the exception middleware itself; handled ones are logged here.
        // The middleware has already rewritten the path to /Error when handlers run: the request's own path is in the feature.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : context.Request.Path;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, string traceId, Exception exception);
}
