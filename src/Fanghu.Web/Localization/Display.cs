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

    /// <summary>When something was recorded, in China time to the minute.</summary>
    public string Moment(DateTimeOffset? moment) => moment is not { } m ? "—"
        : FanghuLocalization.IsEnglish ? ChinaTime.ToChinaTime(m).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : ChinaTime.ToChinaTime(m).ToString("yyyy'年'M'月'd'日' HH:mm", Chinese);

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

    /// <summary>
    /// A field of an audit entry as people read it: the screen's own label when the record's kind has one
    /// (Household.Phone → 联系电话), otherwise the field's name as stored.
    /// </summary>
    public string AuditField(string entity, string field)
    {
        var label = l[$"{entity}.{field}"];
        return label.ResourceNotFound ? field : label.Value;
    }

    /// <summary>
    /// A value of an audit entry as people read it: an enumeration stored as its number (Stage 4, HousingGrade 3) becomes
    /// its word (乡镇审核, C级), found from the record's kind and the field's type; anything else as stored.
    /// </summary>
    public string AuditValue(string entity, string field, string? value)
    {
        if (value is null) return "—";
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return value;
        var type = EntityTypes.Value.GetValueOrDefault(entity)?.GetProperty(field)?.PropertyType;
        if (type is null || (Nullable.GetUnderlyingType(type) ?? type) is not { IsEnum: true } enumType) return value;
        var word = (Enum)Enum.ToObject(enumType, number);
        if (word is HouseholdFlags flags) return Flags(flags);
        return FanghuLocalization.IsEnglish && l[$"Enum.{enumType.Name}.{word}"] is { ResourceNotFound: false } english ? english.Value : ChineseWord(word);
    }

    private static readonly Lazy<Dictionary<string, Type>> EntityTypes = new(() =>
        typeof(Household).Assembly.GetTypes().Where(t => t.IsClass && t.IsPublic)
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    private static string ChineseWord(Enum value) => value switch
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
