namespace Fanghu.Reports;

/// <summary>
/// A figure of a division and everything under it as of <see cref="FigureUnit.ComputedOn"/> (统计汇总): the sum of its
/// children's figures and of its own unit's. Kept up to date by <see cref="FigureStore"/>, read by the dashboard.
/// </summary>
public sealed class DivisionFigure
{
    private DivisionFigure() => DivisionCode = Key = "";

    public DivisionFigure(string divisionCode, string key, long value)
    {
        DivisionCode = divisionCode;
        Key = key;
        Value = value;
    }

    public string DivisionCode { get; private set; }
    public string Key { get; private set; }
    public long Value { get; private set; }
}

/// <summary>
/// A figure of one unit, the smallest place figures are counted for: a village (its households), or a township or a
/// county for the applications filed there without a village.
/// </summary>
public sealed class UnitFigure
{
    private UnitFigure() => UnitCode = Key = "";

    public UnitFigure(string unitCode, string key, long value)
    {
        UnitCode = unitCode;
        Key = key;
        Value = value;
    }

    public string UnitCode { get; private set; }
    public string Key { get; private set; }
    public long Value { get; private set; }
}

/// <summary>The day a unit's figures were counted for. A unit counted before today is stale: dates move the figures.</summary>
public sealed class FigureUnit
{
    private FigureUnit() => UnitCode = "";

    public FigureUnit(string unitCode, DateOnly computedOn)
    {
        UnitCode = unitCode;
        ComputedOn = computedOn;
    }

    public string UnitCode { get; private set; }
    public DateOnly ComputedOn { get; set; }
}

/// <summary>
/// A note that a unit's records changed since its figures were counted. Rows are written by database triggers on the
/// tables the figures come from (whatever writes them: the workflow, an import, a screening run, SQL by hand), and
/// taken away by <see cref="FigureStore"/> — by id, in the transaction that stores the unit's new figures — so a note
/// written while the unit is being counted stays for the next round. Notes are appended, never upserted: a writer
/// never waits on another's note (PostgreSQL); SQLite, one writer at a time, keeps one note per unit.
/// </summary>
public sealed class FigureChange
{
    private FigureChange() => UnitCode = "";

    public FigureChange(string unitCode) => UnitCode = unitCode;

    public long Id { get; private set; }
    public string UnitCode { get; private set; }
}

/// <summary>
/// A monitored household, not eliminated, whose current episode has risk types no measure of its plan answers
/// (风险无对应措施, the mismatch list of DESIGN §8), as of its unit's <see cref="FigureUnit.ComputedOn"/>.
/// </summary>
public sealed class RiskGap
{
    private RiskGap() => UnitCode = HouseholdNumber = MissingRiskCodes = "";

    public RiskGap(long caseId, long householdId, string unitCode, string householdNumber, DateOnly identifiedOn, string missingRiskCodes)
    {
        CaseId = caseId;
        HouseholdId = householdId;
        UnitCode = unitCode;
        HouseholdNumber = householdNumber;
        IdentifiedOn = identifiedOn;
        MissingRiskCodes = missingRiskCodes;
    }

    public long CaseId { get; private set; }
    public long HouseholdId { get; private set; }
    public string UnitCode { get; private set; }
    public string HouseholdNumber { get; private set; }
    public DateOnly IdentifiedOn { get; private set; }

    /// <summary>The unanswered risk type codes, separated by semicolons.</summary>
    public string MissingRiskCodes { get; private set; }
}
