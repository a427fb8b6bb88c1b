using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fanghu.Screening;

/// <summary>The three shapes a screening rule takes (§6).</summary>
public enum RuleKind
{
    /// <summary>A value summed (or rows counted) per person or household over a window, compared with a threshold.</summary>
    Threshold = 1,
    /// <summary>Registry persons of the population who are missing from the dataset (not insured, not enrolled).</summary>
    Coverage = 2,
    /// <summary>A change recorded by the department: a row that matches (exit from 低保, a death).</summary>
    Change = 3,
}

/// <summary>Whom a rule applies to, by the household's type and monitoring state.</summary>
public enum Population
{
    All = 0,
    /// <summary>脱贫户 or a household under monitoring (identified, not eliminated).</summary>
    FormerlyPoorOrMonitored = 1,
    /// <summary>Every other household.</summary>
    Others = 2,
}

/// <summary>Which rows count: those of each calendar year, of the 12 months up to the run's date, or all of the file.</summary>
public enum RuleWindow
{
    CalendarYear = 1,
    Last12Months = 2,
    WholeFile = 3,
}

/// <summary>
/// A row matches when its column holds one of the values (compared trimmed and half-width), or, with
/// <paramref name="Not"/>, none of them.
/// </summary>
public sealed record RowCondition(string Column, IReadOnlyList<string> Values, bool Not = false);

/// <summary>
/// What a rule says, stored as JSON with its version: who it applies to, which rows count, what is aggregated
/// and compared, and what a hit signals.
/// </summary>
public sealed record RuleDefinition(
    RuleKind Kind,
    Population Population,
    RuleWindow Window,
    decimal Threshold,
    string Signal,
    string? RiskType = null,
    string? Measure = null,
    IReadOnlyList<RowCondition>? Conditions = null,
    int? AgeMin = null,
    int? AgeMax = null,
    bool MainLabourerOnly = false)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IReadOnlyList<RowCondition> Conditions { get; init; } = Conditions ?? [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<RuleDefinition>(json, Json) ?? throw new InvalidOperationException("empty rule definition");

    /// <summary>The refusal for a definition that cannot run on its dataset, or null.</summary>
    public string? Problem(DatasetType dataset)
    {
        if (!Enum.IsDefined(Kind) || !Enum.IsDefined(Population) || !Enum.IsDefined(Window)) return "规则类型、适用人群或统计期间无效";
        if (string.IsNullOrWhiteSpace(Signal) || Signal.Trim().Length > 100) return "请填写预警信号（100 字以内）";
        if (RiskType is not null && !Monitoring.RiskTypes.IsCode(RiskType)) return $"“{RiskType}”不是风险类型代码";
        if (Measure is not null && !dataset.AmountColumns.Contains(Measure)) return $"“{Measure}”不是{dataset.Name}的金额列";
        foreach (var c in Conditions)
            if (!dataset.TextColumns.Contains(c.Column) && !dataset.AmountColumns.Contains(c.Column))
                return $"条件列“{c.Column}”不在{dataset.Name}模板中";
        if (Kind == RuleKind.Threshold && Threshold <= 0) return "阈值应大于 0";
        if (Threshold > 100_000_000m) return "阈值过大";
        if (AgeMin is < 0 or > 120 || AgeMax is < 0 or > 120 || AgeMin > AgeMax) return "年龄范围无效";
        if (Kind == RuleKind.Coverage && dataset.Subject != SubjectKind.Person) return "覆盖规则只适用于按人报送的数据";
        if (Kind == RuleKind.Coverage && Window == RuleWindow.Last12Months) return "覆盖规则按年度或整个文件统计";
        return null;
    }
}

/// <summary>
/// One version of a screening rule. Rules are data: a county account changes a threshold by adding a new version
/// (for its county, or for everyone when the account is the prefecture's), never by editing one in place; every run
/// records the versions it used.
/// </summary>
public sealed class ScreeningRule
{
    private ScreeningRule() { Key = Name = DefinitionJson = CreatedBy = ""; }

    public ScreeningRule(string key, int version, DatasetKind dataset, string name, RuleDefinition definition,
        RuleStatus status, string? divisionCode, DateTimeOffset createdAt, string createdBy, string? note = null)
    {
        Key = key;
        Version = version;
        Dataset = dataset;
        Name = name;
        DefinitionJson = definition.ToJson();
        Status = status;
        DivisionCode = divisionCode;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        Note = note;
    }

    public long Id { get; private set; }

    /// <summary>Stable name of the rule across versions (medical-self-paid-poor).</summary>
    public string Key { get; private set; }
    public int Version { get; private set; }
    public DatasetKind Dataset { get; private set; }
    public string Name { get; private set; }
    public string DefinitionJson { get; private set; }
    public RuleStatus Status { get; private set; }

    /// <summary>The county the version is for; null for every division.</summary>
    public string? DivisionCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; }
    public string? Note { get; private set; }

    public RuleDefinition Definition => RuleDefinition.FromJson(DefinitionJson);

    /// <summary>“medical-self-paid-poor v2”.</summary>
    public string Label => $"{Key} v{Version}";

    internal void Retire() => Status = RuleStatus.Retired;

    internal void Activate() => Status = RuleStatus.Active;
}

public enum RuleStatus
{
    /// <summary>In force: runs use it.</summary>
    Active = 1,
    /// <summary>A proposal, tried with what-if, not used by runs.</summary>
    Draft = 2,
    /// <summary>Replaced by a later version; kept for the runs that used it.</summary>
    Retired = 3,
}
