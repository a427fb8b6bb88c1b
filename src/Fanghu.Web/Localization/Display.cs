using System.Globalization;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Localization;

// `Monitoring.` means the domain here, not the sibling namespace Fanghu.Web.Monitoring (the workflow API).
using Monitoring = Fanghu.Monitoring;

/// <summary>
/// How values look on screen in the current language: dates as 2022年1月31日 in Chinese and ISO in English,
/// amounts in 元 with thousands separators, and the registry's fixed words.
/// </summary>
public sealed class Display(IStringLocalizer<SharedResource> l)
{
    private static readonly CultureInfo Chinese = new(FanghuLocalization.Chinese);

    public string Date(DateOnly? date) => date is not { } d ? "—"
        : FanghuLocalization.IsEnglish ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : d.ToString("yyyy'年'M'月'd'日'", Chinese);

    public string Yuan(decimal? amount) => amount is not { } a ? "—"
        : string.Format(CultureInfo.InvariantCulture, l["Format.Yuan"].Value, a.ToString("#,##0.00", CultureInfo.InvariantCulture));

    public string Number(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    public string YesNo(bool? value) => value is not { } v ? "—" : l[v ? "Common.Yes" : "Common.No"];

    /// <summary>
    /// The word for an enum value: English from the resources (<c>Enum.Relation.Head</c>), otherwise the
    /// Chinese word of the national templates, which stays the single source of the Chinese terms.
    /// </summary>
    public string Term<T>(T value) where T : struct, Enum
    {
        if (FanghuLocalization.IsEnglish)
        {
            var s = l[$"Enum.{typeof(T).Name}.{value}"];
            if (!s.ResourceNotFound) return s.Value;
        }
        return ChineseWord(value);
    }

    public string Flags(HouseholdFlags flags)
    {
        var words = Enum.GetValues<HouseholdFlags>().Where(f => f != HouseholdFlags.None && flags.HasFlag(f)).Select(Term).ToList();
        return words.Count == 0 ? "—" : string.Join(FanghuLocalization.IsEnglish ? ", " : "、", words);
    }

    public string RiskTypes(IEnumerable<string> codes) =>
        string.Join(FanghuLocalization.IsEnglish ? ", " : "、", codes.Select(c => $"{c} {Monitoring.RiskTypes.NameOf(c)}"));

    private static string ChineseWord<T>(T value) where T : struct, Enum => value switch
    {
        HouseholdType v => Words.HouseholdType.Word(v),
        Relation v => Words.Relation.Word(v),
        HealthStatus v => Words.Health.Word(v),
        LabourCapacity v => Words.Labour.Word(v),
        Schooling v => Words.Schooling.Word(v),
        Employment v => Words.Employment.Word(v),
        GuaranteeAspect v => Words.Guarantee.Word(v),
        HouseholdFlags v => Words.Flag.Word(v),
        MonitoringCategory v => MonitoringWords.Category.Word(v),
        EliminationMethod v => MonitoringWords.Elimination.Word(v),
        Gender v => v == Gender.Male ? "男" : "女",
        _ => value.ToString(),
    };
}
