using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fanghu.Web.Screening;

/// <summary>/api/v1/screening: a run's status and counts, for a department system that uploads and then polls.</summary>
public static class ScreeningApi
{
    /// <param name="Status">Running, Completed, Rejected, Cancelled, Failed or Interrupted (a run whose process is gone).</param>
    /// <param name="RuleVersions">The rule versions used, “medical-self-paid-poor v2”, with “@533401” for a county's own.</param>
    public sealed record RunStatusBody(long Id, string Dataset, string File, RunStatus Status, bool Live, string? Phase, DateOnly AsOf,
        DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long RowsRead, long RowsMatched, long RowsUnmatched, int Warnings,
        int NewWarnings, int AlreadyKnown, int NewLeads, int OpenedCases, int Errors, IReadOnlyList<string> RuleVersions, string? Message);

    public static RouteGroupBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/screening").WithTags("Screening").RequireAuthorization(Policies.Screening);
        api.MapGet("/runs/{id:long}", GetScreeningRun).WithName(nameof(GetScreeningRun));
        return api;
    }

    public static async Task<Results<Ok<RunStatusBody>, ProblemHttpResult>> GetScreeningRun(long id, HttpContext http, GetRun runs,
        ScreeningJobs jobs, TimeProvider clock, CancellationToken ct)
    {
        var run = await runs.RunAsync(Policies.RunViewerOf(http.User), id, ct);
        if (run is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有找到该筛查，或不在您的权限范围内");
        var view = RunView.Of(run, jobs, clock.GetUtcNow());
        return TypedResults.Ok(new RunStatusBody(run.Id, DatasetTypes.Of(run.Dataset).Key, run.FileName, view.Status, view.Live,
            view.Progress?.Phase, run.AsOf, run.StartedAt, run.FinishedAt, view.RowsRead, view.RowsMatched, run.RowsUnmatched, run.Hits,
            run.NewWarnings, run.AlreadyKnown, run.NewLeads, run.OpenedCases, run.ErrorCount, RunView.Rules(run), run.Message));
    }
}

/// <summary>
/// How a run stands right now: a run this process is screening is live, with the progress it last reported; a run
/// still marked running that nobody has heard from (its process stopped) is shown as interrupted.
/// </summary>
public sealed record RunView(RunStatus Status, bool Live, ScreeningProgress? Progress, long RowsRead, long RowsMatched)
{
    public static RunView Of(ScreeningRun run, ScreeningJobs jobs, DateTimeOffset now)
    {
        if (run.Status != RunStatus.Running) return new(run.Status, false, null, run.RowsRead, run.RowsMatched);
        if (jobs.IsRunning(run.Id))
        {
            var p = jobs.ProgressOf(run.Id);
            return new(RunStatus.Running, true, p, Math.Max(p?.RowsRead ?? 0, run.RowsRead), Math.Max(p?.RowsMatched ?? 0, run.RowsMatched));
        }
        // Another process (the command line, another server) may be running it: it says it is alive now and then.
        return run.IsLive(now)
            ? new(RunStatus.Running, true, null, run.RowsRead, run.RowsMatched)
            : new(RunStatus.Interrupted, false, null, run.RowsRead, run.RowsMatched);
    }

    /// <summary>The status to show for a run row: running, or interrupted when no process is running it any more.</summary>
    public static RunStatus Shown(RunStatus status, long id, DateTimeOffset lastProgressAt, ScreeningJobs jobs, DateTimeOffset now) =>
        status == RunStatus.Running && !jobs.IsRunning(id) && now - lastProgressAt >= ScreeningRun.StaleAfter ? RunStatus.Interrupted : status;

    public static IReadOnlyList<string> Rules(ScreeningRun run) =>
        run.RuleVersions.Length == 0 ? [] : run.RuleVersions.Split(';');
}
