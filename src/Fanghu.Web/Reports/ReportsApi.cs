using Fanghu.Applications;
using Fanghu.Reports;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Reports;

/// <summary>
/// /api/v1/reports: the figures of DESIGN §8 as JSON, the same as <c>fanghu report … --format json</c>. A division
/// outside the user's scope is a 403, never a partial count.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.Registry);
        api.MapGet("/monitoring", GetMonitoringReport).WithName(nameof(GetMonitoringReport));
        api.MapGet("/applications", GetApplicationsReport).WithName(nameof(GetApplicationsReport));
        api.MapGet("/income", GetIncomeReport).WithName(nameof(GetIncomeReport));
        api.MapGet("/dashboard", GetDashboard).WithName(nameof(GetDashboard));
        api.MapSnapshotsApi();
        return api;
    }

    /// <param name="division">Short or 12-digit division code.</param>
    /// <param name="asOf">Counts as of the end of this date (2022-01-31, 2022年1月31日…); default today.</param>
    public static async Task<Results<JsonHttpResult<MonitoringReport.Report>, ProblemHttpResult>> GetMonitoringReport(
        [FromQuery] string? division, [FromQuery] string? asOf, MonitoringReport report, CancellationToken ct)
    {
        var result = await report.HandleAsync(new MonitoringReport.Request(division, asOf), ct);
        if (result.Ok) return TypedResults.Json(result.Report, MonitoringReport.Json);
        return Refused(result.Refused, result.Message);
    }

    /// <param name="division">Short or 12-digit division code.</param>
    /// <param name="from">The period's first day (2025-01-01, 2025年1月1日…).</param>
    /// <param name="to">The period's last day, included.</param>
    public static async Task<Results<JsonHttpResult<ApplicationsReport.Report>, ProblemHttpResult>> GetApplicationsReport(
        [FromQuery] string? division, [FromQuery] string? from, [FromQuery] string? to, ApplicationsReport report, CancellationToken ct)
    {
        var result = await report.HandleAsync(new ApplicationsReport.Request(division, from, to), ct);
        if (result.Ok) return TypedResults.Json(result.Report, ApplicationsReport.Json);
        return Refused(result.Refused, result.Message);
    }

    /// <param name="division">Short or 12-digit division code.</param>
    /// <param name="year">The year (2021).</param>
    /// <param name="householdType">脱贫户 (default), 一般农户 or 监测户.</param>
    public static async Task<Results<JsonHttpResult<IncomeReport.Report>, ProblemHttpResult>> GetIncomeReport(
        [FromQuery] string? division, [FromQuery] string? year, [FromQuery] string? householdType, IncomeReport report, CancellationToken ct)
    {
        var result = await report.HandleAsync(new IncomeReport.Request(division, year, householdType), ct);
        if (result.Ok) return TypedResults.Json(result.Report, IncomeReport.Json);
        return Refused(result.Refused, result.Message);
    }

    /// <param name="division">Short or 12-digit division code.</param>
    /// <param name="asOf">As of the end of this date; default today (read from the kept figures; an earlier date is counted from the records).</param>
    public static async Task<Results<JsonHttpResult<Dashboard.Board>, ProblemHttpResult>> GetDashboard(
        [FromQuery] string? division, [FromQuery] string? asOf, Dashboard dashboard, CancellationToken ct)
    {
        var result = await dashboard.HandleAsync(new Dashboard.Request(division, asOf), ct);
        if (result.Ok) return TypedResults.Json(result.Board, MonitoringReport.Json);
        return Refused(result.Refused, result.Message);
    }

    /// <summary>A refused report as a problem: its status as the pages give it, its reason in Chinese as the detail.</summary>
    private static ProblemHttpResult Refused(ReportRefusal? refusal, string message)
    {
        var status = ReportPlaces.StatusOf(refusal);
        var title = refusal switch
        {
            ReportRefusal.UnknownDivision => "Division not found",
            ReportRefusal.OutsideScope => "Division outside your scope",
            _ => "Invalid report request",
        };
        return TypedResults.Problem(detail: message, statusCode: status, title: title);
    }
}
