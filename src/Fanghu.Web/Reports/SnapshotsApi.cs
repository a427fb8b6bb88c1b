using System.Text.Json;
using System.Text.Json.Serialization;
using Fanghu.Accounts;
using Fanghu.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Reports;

/// <summary>
/// /api/v1/reports/snapshots: the frozen reports (报表冻结) of the user's divisions, read only — snapshots are frozen on
/// the page or with <c>fanghu report freeze</c>, and never changed. A snapshot outside the user's divisions is a 404.
/// </summary>
public static class SnapshotsApi
{
    public static RouteGroupBuilder MapSnapshotsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/snapshots", ListReportSnapshots).WithName(nameof(ListReportSnapshots));
        reports.MapGet("/snapshots/{id:long}", GetReportSnapshot).WithName(nameof(GetReportSnapshot));
        return reports;
    }

    /// <summary>The reports' JSON (camelCase, Chinese readable), roles and enums by name.</summary>
    private static readonly JsonSerializerOptions Json = new(MonitoringReport.Json) { Converters = { new JsonStringEnumConverter() } };

    /// <param name="Period">2025-12 (a month) or 2025 (a year).</param>
    /// <param name="Variant">The income report's household type; empty for the other reports.</param>
    public sealed record SnapshotSummary(long Id, string Kind, string Division, string? DivisionName, string Period, DateOnly PeriodEnd,
        string Variant, int Version, string? Reason, string FrozenBy, Role FrozenByRole, DateTimeOffset FrozenAt, string? Note);

    /// <param name="Report">The report's JSON exactly as frozen.</param>
    /// <param name="Children">The drill-down rows as frozen, or null.</param>
    /// <param name="Differences">The figures that differ today, each as frozen and as now.</param>
    /// <param name="Summary">冻结后数据有更正：… or empty.</param>
    public sealed record SnapshotDetail(SnapshotSummary Snapshot, JsonElement Report, JsonElement? Children, IReadOnlyList<CompareSnapshot.Line> Differences,
        string Summary, string? LiveRefused);

    /// <param name="division">Only the snapshots of this division and those under it (short or 12-digit code); default all the user may see.</param>
    public static async Task<Results<JsonHttpResult<IReadOnlyList<SnapshotSummary>>, ProblemHttpResult>> ListReportSnapshots(
        [FromQuery] string? division, ListSnapshots list, CancellationToken ct)
    {
        var result = await list.HandleAsync(division, ct);
        if (result.Error is not null) return TypedResults.Problem(detail: result.Error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid division");
        return TypedResults.Json<IReadOnlyList<SnapshotSummary>>([.. result.Rows.Select(r => new SnapshotSummary(r.Id, ReportSnapshot.WordOf(r.Kind),
            r.Division, r.DivisionName, r.Period.Code, r.PeriodEnd, r.Variant, r.Version, r.Reason, r.FrozenByName, r.FrozenByRole, r.FrozenAt, r.Note))], Json);
    }

    /// <summary>A snapshot with its frozen JSON and the figures that differ when the same report is computed today.</summary>
    public static async Task<Results<JsonHttpResult<SnapshotDetail>, ProblemHttpResult>> GetReportSnapshot(long id, CompareSnapshot compare, CancellationToken ct)
    {
        var result = await compare.HandleAsync(id, ct);
        if (!result.Ok) return TypedResults.Problem(detail: result.Message, statusCode: StatusOf(result.Refused), title: "Snapshot not found");
        var s = result.Snapshot;
        using var report = JsonDocument.Parse(s.ReportJson);
        using var children = s.ChildrenJson is null ? null : JsonDocument.Parse(s.ChildrenJson);
        return TypedResults.Json(new SnapshotDetail(
            new SnapshotSummary(s.Id, ReportSnapshot.WordOf(s.Kind), s.DivisionCode, result.DivisionName, s.Period.Code, s.PeriodEnd, s.Variant,
                s.Version, s.Reason, s.FrozenByName, s.FrozenByRole, s.FrozenAt, s.Note),
            report.RootElement.Clone(), children?.RootElement.Clone(),
            [.. result.Lines.Concat(result.ChildLines).Where(l => l.Changed)], result.Summary, result.LiveMessage.Length > 0 ? result.LiveMessage : null), Json);
    }

    /// <summary>The HTTP status of a refused freeze or a snapshot not shown.</summary>
    public static int StatusOf(SnapshotRefusal? refusal) => refusal switch
    {
        SnapshotRefusal.OutsideScope or SnapshotRefusal.NotAllowed => StatusCodes.Status403Forbidden,
        SnapshotRefusal.UnknownDivision or SnapshotRefusal.NotFound => StatusCodes.Status404NotFound,
        SnapshotRefusal.AlreadyFrozen => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
