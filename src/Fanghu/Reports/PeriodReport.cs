using System.Globalization;
using System.Text.Json;
using Fanghu.Applications;
using Fanghu.Data;

namespace Fanghu.Reports;

/// <summary>
/// One of the three reports computed for a reporting period, as JSON: what <see cref="FreezeReport"/> stores and what
/// <see cref="CompareSnapshot"/> computes again today. The period becomes each report's own question — monitoring as
/// of the period's last day, applications from its first to its last day, income for its year (years only) — and the
/// report is serialised with its own published options, so a snapshot holds exactly what the API gives.
/// </summary>
public sealed class PeriodReport(FanghuDbContext db, TimeProvider clock)
{
    /// <param name="ReportJson">The report as its API and <c>fanghu report … --format json</c> write it.</param>
    /// <param name="ChildrenJson">The drill-down rows (divisions one level down), or null for a report without them.</param>
    public sealed record Result(string? ReportJson, string? ChildrenJson, string DivisionName, ReportRefusal? Refused, string Message)
    {
        public bool Ok => ReportJson is not null;
    }

    /// <param name="Variant">The income report's household type (脱贫户 when blank); ignored by the other reports.</param>
    public async Task<Result> HandleAsync(ReportKind kind, string division, ReportPeriod period, string? variant, CancellationToken ct)
    {
        var iso = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case ReportKind.Monitoring:
                {
                    var r = await new MonitoringReport(db, clock).HandleAsync(
                        new MonitoringReport.Request(division, period.End.ToString("yyyy-MM-dd", iso)), ct);
                    return r.Ok
                        ? new(JsonSerializer.Serialize(r.Report, MonitoringReport.Json), JsonSerializer.Serialize(r.Children, MonitoringReport.Json),
                            r.DivisionName, null, "")
                        : new(null, null, "", r.Refused, r.Message);
                }
            case ReportKind.Applications:
                {
                    var r = await new ApplicationsReport(db, clock).HandleAsync(
                        new ApplicationsReport.Request(division, period.Start.ToString("yyyy-MM-dd", iso), period.End.ToString("yyyy-MM-dd", iso)), ct);
                    return r.Ok
                        ? new(JsonSerializer.Serialize(r.Report, ApplicationsReport.Json), JsonSerializer.Serialize(r.Children, ApplicationsReport.Json),
                            r.DivisionName, null, "")
                        : new(null, null, "", r.Refused, r.Message);
                }
            default:
                {
                    if (period.Kind != PeriodKind.Year)
                        return new(null, null, "", ReportRefusal.InvalidInput, "收入统计按年度统计，只能冻结年报（报告期如 2025）");
                    var r = await new IncomeReport(db, clock).HandleAsync(
                        new IncomeReport.Request(division, period.End.Year.ToString(iso), variant), ct);
                    return r.Ok
                        ? new(JsonSerializer.Serialize(r.Report, IncomeReport.Json), null, r.DivisionName, null, "")
                        : new(null, null, "", r.Refused, r.Message);
                }
        }
    }
}
