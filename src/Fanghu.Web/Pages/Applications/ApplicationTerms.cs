using Fanghu.Applications;
using Fanghu.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Applications;

/// <summary>
/// The words of applications on screen: the Chinese of <see cref="ApplicationWords"/> (the single source the public
/// page and the platform's files share), in English from the resources (<c>Applications.Area.Medical</c>). The public
/// pages, the staff pages and the report all name areas through here.
/// </summary>
public static class ApplicationTerms
{
    public static string Area(this IStringLocalizer<SharedResource> l, ApplicationArea area) =>
        English(l, $"Applications.Area.{area}") ?? ApplicationWords.Area.Word(area);

    public static string Status(this IStringLocalizer<SharedResource> l, ApplicationStatus status) =>
        English(l, $"Applications.Status.{status}") ?? ApplicationWords.Status.Word(status);

    /// <summary>The status as the resident reads it on the public pages (答复已给出 rather than staff's 已办结 in English).</summary>
    public static string ResidentStatus(this IStringLocalizer<SharedResource> l, ApplicationStatus status) =>
        English(l, $"Apply.Status.{status}") ?? ApplicationWords.Status.Word(status);

    public static string Step(this IStringLocalizer<SharedResource> l, ApplicationStepKind kind) =>
        English(l, $"Applications.Step.{kind}") ?? ApplicationWords.Step(kind);

    private static string? English(IStringLocalizer<SharedResource> l, string key)
    {
        if (!FanghuLocalization.IsEnglish) return null;
        var s = l[key];
        return s.ResourceNotFound ? null : s.Value;
    }
}
