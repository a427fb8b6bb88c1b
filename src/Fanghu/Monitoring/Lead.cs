using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>
/// A lead (线索): a sign that a household may be at risk, from one of four channels. Every lead belongs to a
/// case: it opens one, or attaches to the household's open case.
/// </summary>
public sealed class Lead
{
    private Lead() { Household = null!; Case = null!; Summary = RecordedById = RecordedByName = RiskTypeCodes = ""; }

    internal Lead(Household household, MonitoringCase @case, LeadChannel channel, DateOnly reportedOn, DateTimeOffset recordedAt,
        Actor actor, LeadDetails d)
    {
        Household = household;
        Case = @case;
        Channel = channel;
        ReportedOn = reportedOn;
        RecordedAt = recordedAt;
        RecordedById = actor.UserId;
        RecordedByName = actor.Name;
        Summary = d.Summary.Trim();
        RiskTypeCodes = string.Join(';', d.RiskTypes);
        Reporter = Household.Clean(d.Reporter);
        EstimatedIncome12Months = d.EstimatedIncome12Months;
        SourceKey = Household.Clean(d.SourceKey);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public long CaseId { get; private set; }
    public MonitoringCase Case { get; private set; }
    public LeadChannel Channel { get; private set; }

    /// <summary>Date of the visit, the declaration, the warning or the income year's end.</summary>
    public DateOnly ReportedOn { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedById { get; private set; }
    public string RecordedByName { get; private set; }

    /// <summary>What was found or declared, in the reporter's words.</summary>
    public string Summary { get; private set; }

    /// <summary>Risk types seen (codes separated by ';'), possibly none.</summary>
    public string RiskTypeCodes { get; private set; }

    /// <summary>Who visited, who declared, which department warned.</summary>
    public string? Reporter { get; private set; }

    /// <summary>家庭纯收入 of the last 12 months as estimated on the visit, 元.</summary>
    public decimal? EstimatedIncome12Months { get; private set; }

    /// <summary>
    /// Identifies a machine-made lead (a screening warning, an income year) so that running the same source again
    /// adds nothing.
    /// </summary>
    public string? SourceKey { get; private set; }

    public IReadOnlyList<string> RiskTypes => RiskTypeCodes.Length == 0 ? [] : RiskTypeCodes.Split(';');
}

public sealed record LeadDetails(
    string Summary,
    IReadOnlyCollection<string> RiskTypes,
    string? Reporter = null,
    decimal? EstimatedIncome12Months = null,
    string? SourceKey = null);

/// <summary>
/// A dated assessment of a household's net income (收入评估) over some months: on a visit, at verification, before
/// risk elimination. The elimination check compares the latest one with the income line.
/// </summary>
public sealed class IncomeAssessment
{
    private IncomeAssessment() { Household = null!; RecordedBy = ""; }

    public IncomeAssessment(Household household, DateOnly assessedOn, int months, decimal netIncome, int householdSize,
        string recordedBy, string? note)
    {
        if (months is < 1 or > 12) throw new WorkflowRuleException("收入评估期应为 1 至 12 个月");
        if (householdSize < 1) throw new WorkflowRuleException("家庭人口数应大于 0");
        if (netIncome is < -100_000_000m or > 100_000_000m) throw new WorkflowRuleException("收入金额超出范围");
        if (note?.Trim().Length > 1000) throw new WorkflowRuleException("评估说明不能超过 1000 字");
        Household = household;
        AssessedOn = assessedOn;
        Months = months;
        NetIncome = netIncome;
        HouseholdSize = householdSize;
        RecordedBy = recordedBy;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public DateOnly AssessedOn { get; private set; }

    /// <summary>How many months back the income covers.</summary>
    public int Months { get; private set; }

    /// <summary>家庭纯收入 over those months, 元.</summary>
    public decimal NetIncome { get; private set; }
    public int HouseholdSize { get; private set; }
    public string RecordedBy { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Per-capita net income for a year at the assessed rate, to compare with the yearly line.</summary>
    public decimal AnnualPerCapita => Math.Round(NetIncome * 12m / Months / HouseholdSize, 2);
}
