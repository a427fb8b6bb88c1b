namespace Fanghu.Reports;

/// <summary>Why a report (monitoring, applications, income) was not given: the same three reasons for every report.</summary>
public enum ReportRefusal
{
    /// <summary>A missing or malformed division code, date, year or household type.</summary>
    InvalidInput = 1,
    UnknownDivision = 2,
    /// <summary>The division is not wholly within the user's divisions: refused rather than counted in part.</summary>
    OutsideScope = 3,
}
