using System.Globalization;
using Fanghu.Assistance;
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

    /// <summary>When something was recorded, in China time to the minute, its date written like <see cref="Date"/>.</summary>
    public string Moment(DateTimeOffset? moment) => moment is not { } m ? "—"
        : ChinaTime.ToChinaTime(m).ToString(FanghuLocalization.IsEnglish ? "yyyy-MM-dd HH:mm" : "yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture);

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
        string.Join(FanghuLocalization.IsEnglish ? ", " : "、", codes.Select(c => $"{c} {RiskName(c)}"));

    /// <summary>The name of a risk type code (因病…), in English from the resources (<c>Risk.01</c>).</summary>
    public string RiskName(string code)
    {
        if (FanghuLocalization.IsEnglish)
        {
            var s = l[$"Risk.{code}"];
            if (!s.ResourceNotFound) return s.Value;
        }
        return Monitoring.RiskTypes.NameOf(code);
    }

    /// <summary>“N 天” late, or nothing when on time.</summary>
    public string DaysLate(int days) => days > 0 ? l["Monitoring.DaysLate", days].Value : "";

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
        LeadChannel v => MonitoringWords.Channel.Word(v),
        CaseStage v => StageWords.Name(v),
        StepKind v => StageWords.Name(v),
        ResponsibleLevel v => StageWords.LevelName(v),
        MeasureType v => MeasureWords.Type.Word(v),
        MeasureStatus v => MeasureWords.Status.Word(v),
        Gender v => v == Gender.Male ? "男" : "女",
        _ => value.ToString(),
    };
}
