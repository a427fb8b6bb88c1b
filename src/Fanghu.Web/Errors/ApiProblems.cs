using Microsoft.AspNetCore.Http;

namespace Fanghu.Web.Errors;

/// <summary>Chinese titles (and a hint for a bare 400) on the ProblemDetails the framework writes itself.</summary>
public static class ApiProblems
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "请求内容有误",
        [401] = "需要登录",
        [403] = "无权访问",
        [404] = "未找到",
        [405] = "不支持该请求方法",
        [409] = "不能办理该操作",
        [413] = "请求内容过大",
        [415] = "请求内容类型不受支持，请使用 application/json",
        [429] = "请求过于频繁，请稍后再试",
        [500] = "系统内部错误，请稍后重试或联系管理员",
    };

    private static readonly HashSet<string> FrameworkTitles =
        ["Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Conflict", "Payload Too Large",
         "Unsupported Media Type", "Too Many Requests", "An error occurred while processing your request."];

    public static void Translate(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        var status = p.Status ?? context.HttpContext.Response.StatusCode;
        if ((p.Title is null || FrameworkTitles.Contains(p.Title)) && Titles.TryGetValue(status, out var title)) p.Title = title;
        if (status == StatusCodes.Status400BadRequest && p.Detail is null && p is not HttpValidationProblemDetails)
            p.Detail = "无法读取请求内容：请检查 JSON 格式、字段类型、日期（yyyy-MM-dd）和取值是否在可选范围内";
    }
}
