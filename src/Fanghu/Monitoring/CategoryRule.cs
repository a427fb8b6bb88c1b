using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>
/// Suggests the monitoring category (§5.3) from the household type, its income against the line and its
/// risks; people confirm it. Under the 2026 scheme there is one category.
/// </summary>
public static class CategoryRule
{
    public static IReadOnlyList<MonitoringCategory> Allowed(CategoryScheme scheme) => scheme == CategoryScheme.Unified2026
        ? [MonitoringCategory.Unified]
        : [MonitoringCategory.UnstableFormerlyPoor, MonitoringCategory.MarginalAtRisk, MonitoringCategory.SuddenHardship];

    /// <summary>
    /// The suggestion and the reason for it, or a null category when the household meets no category's
    /// condition (income above the line and no sudden hardship).
    /// </summary>
    /// <param name="perCapitaIncome">Annual per-capita net income as assessed.</param>
    /// <param name="perCapitaAfterRigidSpending">The same after compliant out-of-pocket rigid spending (合规自付支出).</param>
    /// <param name="sharpIncomeLoss">The officer found income fell sharply (收入大幅缩减).</param>
    public static (MonitoringCategory? Category, string Reason) Suggest(CategoryScheme scheme, HouseholdType type,
        decimal perCapitaIncome, decimal perCapitaAfterRigidSpending, bool sharpIncomeLoss, decimal line, bool hasRisk)
    {
        if (!hasRisk) return (null, "未发现致贫返贫风险");
        var below = perCapitaIncome <= line;
        var sudden = !below && (perCapitaAfterRigidSpending <= line || sharpIncomeLoss);
        if (!below && !sudden) return (null, $"人均纯收入 {perCapitaIncome:0} 元高于监测范围 {line:0} 元，且无刚性支出过大或收入骤减");
        if (scheme == CategoryScheme.Unified2026)
            return (MonitoringCategory.Unified, below ? $"人均纯收入 {perCapitaIncome:0} 元不高于监测范围 {line:0} 元且有风险" : "刚性支出过大或收入骤减，基本生活出现严重困难");
        if (sudden) return (MonitoringCategory.SuddenHardship, $"人均纯收入高于监测范围，但扣除刚性支出后为 {perCapitaAfterRigidSpending:0} 元或收入骤减");
        return type == HouseholdType.FormerlyPoor
            ? (MonitoringCategory.UnstableFormerlyPoor, $"脱贫户，人均纯收入 {perCapitaIncome:0} 元不高于监测范围 {line:0} 元且有风险")
            : (MonitoringCategory.MarginalAtRisk, $"一般农户，人均纯收入 {perCapitaIncome:0} 元不高于监测范围 {line:0} 元且有风险");
    }
}
