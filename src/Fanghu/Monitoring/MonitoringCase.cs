using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>
/// A household under monitoring (监测对象) for one episode: identified on a date with a category and up to
/// five risk types, and possibly eliminated (风险消除). A new risk after elimination is a new episode
/// (风险再标注), so an episode's history is never overwritten.
/// </summary>
public sealed class MonitoringCase
{
    private MonitoringCase() { Household = null!; RiskTypeCodes = ""; }

    public MonitoringCase(Household household, int episode, MonitoringCategory category, IReadOnlyCollection<string> riskTypes,
        DateOnly identifiedOn, CaseOrigin origin, DateOnly? eliminatedOn = null, EliminationMethod? method = null)
    {
        Household = household;
        Episode = episode;
        Origin = origin;
        RiskTypeCodes = "";
        Set(category, riskTypes, identifiedOn, eliminatedOn, method);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }

    /// <summary>1 for the first identification, 2 after a re-marking (风险再标注), and so on.</summary>
    public int Episode { get; private set; }
    public CaseOrigin Origin { get; private set; }
    public MonitoringCategory Category { get; private set; }

    /// <summary>Risk type codes separated by ';' (at most five).</summary>
    public string RiskTypeCodes { get; private set; }
    public DateOnly IdentifiedOn { get; private set; }
    public DateOnly? EliminatedOn { get; private set; }
    public EliminationMethod? EliminationMethod { get; private set; }

    public IReadOnlyList<string> RiskTypes => RiskTypeCodes.Length == 0 ? [] : RiskTypeCodes.Split(';');
    public bool IsEliminated => EliminatedOn is not null;

    /// <summary>Sets the fields a migrated record carries; returns whether anything changed.</summary>
    public bool Set(MonitoringCategory category, IReadOnlyCollection<string> riskTypes, DateOnly identifiedOn,
        DateOnly? eliminatedOn, EliminationMethod? method)
    {
        if (riskTypes.Count is 0 or > Monitoring.RiskTypes.MaxPerCase)
            throw new ArgumentException($"风险类型应为 1 至 {Monitoring.RiskTypes.MaxPerCase} 项", nameof(riskTypes));
        if (eliminatedOn is not null && eliminatedOn < identifiedOn)
            throw new ArgumentException("风险消除日期不能早于识别日期", nameof(eliminatedOn));
        if (eliminatedOn is not null && method is null)
            throw new ArgumentException("已消除风险须填写消除方式", nameof(method));
        var codes = string.Join(';', riskTypes);
        var changed = category != Category || codes != RiskTypeCodes || identifiedOn != IdentifiedOn
            || eliminatedOn != EliminatedOn || (eliminatedOn is null ? null : method) != EliminationMethod;
        Category = category;
        RiskTypeCodes = codes;
        IdentifiedOn = identifiedOn;
        EliminatedOn = eliminatedOn;
        EliminationMethod = eliminatedOn is null ? null : method;
        return changed;
    }
}

public enum CaseOrigin
{
    /// <summary>Migrated from the national system (existing monitoring objects template).</summary>
    Imported = 1,
    /// <summary>Identified through Fanghu's own workflow.</summary>
    Workflow = 2,
}

public static class MonitoringWords
{
    public static readonly Vocabulary<MonitoringCategory> Category = new("监测对象类别", new Dictionary<MonitoringCategory, string>
    {
        [MonitoringCategory.UnstableFormerlyPoor] = "脱贫不稳定户",
        [MonitoringCategory.MarginalAtRisk] = "边缘易致贫户",
        [MonitoringCategory.SuddenHardship] = "突发严重困难户",
        [MonitoringCategory.Unified] = "防止返贫致贫对象",
    }, new Dictionary<string, MonitoringCategory> { ["防止返贫监测对象"] = MonitoringCategory.Unified });

    public static readonly Vocabulary<EliminationMethod> Elimination = new("风险消除方式", new Dictionary<EliminationMethod, string>
    {
        [Monitoring.EliminationMethod.ThroughAssistance] = "帮扶消除",
        [Monitoring.EliminationMethod.Natural] = "自然消除",
    });
}
