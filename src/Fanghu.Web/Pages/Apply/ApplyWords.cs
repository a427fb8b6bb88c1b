using Fanghu.Applications;
using Fanghu.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Apply;

/// <summary>
/// The areas and statuses on the public pages: the Chinese words of the domain (<see cref="ApplicationWords"/>, the
/// single source residents and staff share) and, in English, the resources' <c>Apply.Area.*</c> and <c>Apply.Status.*</c>.
/// </summary>
public static class ApplyWords
{
    public static string Area(IStringLocalizer l, ApplicationArea area) => English(l, $"Apply.Area.{area}") ?? ApplicationWords.Area.Word(area);

    public static string Status(IStringLocalizer l, ApplicationStatus status) =>
        English(l, $"Apply.Status.{status}") ?? ApplicationWords.Status.Word(status);

    private static string? English(IStringLocalizer l, string key)
    {
        if (!FanghuLocalization.IsEnglish) return null;
        var s = l[key];
        return s.ResourceNotFound ? null : s.Value;
    }
}
