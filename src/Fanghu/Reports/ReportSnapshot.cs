using System.Globalization;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Imports;

namespace Fanghu.Reports;

/// <summary>The three published reports a period can be frozen for.</summary>
public enum ReportKind
{
    /// <summary>监测对象统计 (<see cref="MonitoringReport"/>), as of the period's last day.</summary>
    Monitoring = 1,
    /// <summary>救助申请统计 (<see cref="Applications.ApplicationsReport"/>), over the period.</summary>
    Applications = 2,
    /// <summary>收入统计 (<see cref="IncomeReport"/>), for the period's year; years only.</summary>
    Income = 3,
}

/// <summary>A reporting period's kind: a calendar month (月报) or a calendar year (年报).</summary>
public enum PeriodKind
{
    Month = 1,
    Year = 2,
}

/// <summary>
/// A reporting period (报告期): a calendar month or year, written 2025-12 or 2025 (also 2025年12月, 2025年). Only a
/// period whose last day is before today (in China) can be frozen.
/// </summary>
public readonly record struct ReportPeriod(PeriodKind Kind, DateOnly End)
{
    public DateOnly Start => Kind == PeriodKind.Year ? new DateOnly(End.Year, 1, 1) : new DateOnly(End.Year, End.Month, 1);

    /// <summary>2025-12 or 2025: the form the command line, the API and the pages take.</summary>
    public string Code => Kind == PeriodKind.Year ? End.Year.ToString(CultureInfo.InvariantCulture) : End.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>2025年12月 or 2025年度.</summary>
    public string Label => Kind == PeriodKind.Year ? $"{End.Year}年度" : $"{End.Year}年{End.Month}月";

    public static ReportPeriod Month(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static ReportPeriod Year(int year) => new(PeriodKind.Year, new DateOnly(year, 12, 31));

    /// <summary>2025-12, 2025/12, 2025年12月, 202512 (a month) or 2025, 2025年 (a year); full-width digits accepted.</summary>
    public static bool TryParse(string? text, out ReportPeriod period, out string error)
    {
        period = default;
        error = "";
        var t = CellParsers.ToHalfWidth(text ?? "").Trim().TrimEnd('月', '度').TrimEnd('年');
        if (t.Length == 0)
        {
            error = "请指定报告期，如 2025-12（月报）或 2025（年报）";
            return false;
        }
        var parts = t.Replace('年', '-').Replace('/', '-').Replace('.', '-').Split('-');
        if (parts.Length == 1 && t.Length == 6 && t.All(char.IsAsciiDigit)) parts = [t[..4], t[4..]];
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999)
        {
            if (parts.Length == 1)
            {
                period = Year(year);
                return true;
            }
            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                period = Month(year, month);
                return true;
            }
        }
        error = $"报告期“{text?.Trim()}”无效，应为 2025-12（月报）或 2025（年报）";
        return false;
    }
}

/// <summary>
/// 报表冻结: the figures of one report for one division and one ended reporting period, exactly as they were published
/// when someone froze them — the report's JSON as <c>fanghu report … --format json</c> and the API write it, and its
/// drill-down rows — so a correction made later to the records cannot silently change what was reported.
/// <para>
/// Immutable: every property is set by the constructor and has no public setter, the class has no method that changes
/// it, and <see cref="Data.FanghuDbContext"/> refuses to save a snapshot as modified or deleted. A correction is a new
/// row (更正, <see cref="Version"/> 2, 3…) with a required <see cref="Reason"/>; earlier versions stay.
/// </para>
/// </summary>
public sealed class ReportSnapshot
{
    public const int NoteMax = 500;

    public ReportSnapshot(ReportKind kind, DivisionCode division, ReportPeriod period, string variant, int version, string? reason,
        string reportJson, string? childrenJson, string frozenById, string frozenByName, Role frozenByRole, DateTimeOffset frozenAt, string? note)
    {
        if (version < 1) throw new ArgumentOutOfRangeException(nameof(version));
        if (version > 1 && string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("更正版本须写明更正原因", nameof(reason));
        Kind = kind;
        DivisionCode = division.Value;
        ProvinceCode = division.AtLevel(DivisionLevel.Province);
        PrefectureCode = division.Level >= DivisionLevel.Prefecture ? division.AtLevel(DivisionLevel.Prefecture) : null;
        CountyCode = division.Level >= DivisionLevel.County ? division.AtLevel(DivisionLevel.County) : null;
        TownshipCode = division.Level >= DivisionLevel.Township ? division.AtLevel(DivisionLevel.Township) : null;
        PeriodKind = period.Kind;
        PeriodEnd = period.End;
        Variant = variant;
        Version = version;
        Reason = reason;
        ReportJson = reportJson;
        ChildrenJson = childrenJson;
        FrozenById = frozenById;
        FrozenByName = frozenByName;
        FrozenByRole = frozenByRole;
        FrozenAt = frozenAt;
        Note = note;
    }

    private ReportSnapshot()
    {
    }

    public long Id { get; private set; }
    public ReportKind Kind { get; private set; }

    /// <summary>The division's short code (533401); the codes above it are kept beside it so scoping is plain equality.</summary>
    public string DivisionCode { get; private set; } = "";

    public string ProvinceCode { get; private set; } = "";
    public string? PrefectureCode { get; private set; }
    public string? CountyCode { get; private set; }
    public string? TownshipCode { get; private set; }

    public PeriodKind PeriodKind { get; private set; }

    /// <summary>The period's last day: the report's as-of date (monitoring), its last day (applications), its year's 31 December (income).</summary>
    public DateOnly PeriodEnd { get; private set; }

    /// <summary>What else the report was asked for: the household type of an income report (脱贫户…); empty otherwise.</summary>
    public string Variant { get; private set; } = "";

    /// <summary>1 for the first freeze; 2, 3… for each 更正.</summary>
    public int Version { get; private set; }

    /// <summary>Why a 更正 was made (required from version 2).</summary>
    public string? Reason { get; private set; }

    /// <summary>The report as published, serialised with the report's own <c>Json</c> options.</summary>
    public string ReportJson { get; private set; } = "";

    /// <summary>The drill-down rows (divisions one level down) with the same options; null for a report without them.</summary>
    public string? ChildrenJson { get; private set; }

    public string FrozenById { get; private set; } = "";
    public string FrozenByName { get; private set; } = "";
    public Role FrozenByRole { get; private set; }
    public DateTimeOffset FrozenAt { get; private set; }
    public string? Note { get; private set; }

    public ReportPeriod Period => new(PeriodKind, PeriodEnd);

    /// <summary>The report's Chinese name.</summary>
    public static string NameOf(ReportKind kind) => kind switch
    {
        ReportKind.Monitoring => "监测对象统计",
        ReportKind.Applications => "救助申请统计",
        _ => "收入统计",
    };

    /// <summary>The words of the command line and the API: monitoring, applications, income.</summary>
    public static string WordOf(ReportKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryKind(string? text, out ReportKind kind)
    {
        kind = default;
        var t = (text ?? "").Trim();
        foreach (var k in Enum.GetValues<ReportKind>())
            if (string.Equals(t, WordOf(k), StringComparison.OrdinalIgnoreCase) || t == NameOf(k))
            {
                kind = k;
                return true;
            }
        return false;
    }

    /// <summary>The role as a refusal message names who froze a report.</summary>
    public static string RoleWord(Role role) => role switch
    {
        Role.Village => "村级",
        Role.Township => "乡镇",
        Role.County => "县级",
        Role.Prefecture => "州级",
        Role.Department => "行业部门",
        Role.Auditor => "审计",
        _ => "系统管理员",
    };
}
