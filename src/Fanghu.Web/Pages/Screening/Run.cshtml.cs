using Fanghu.Registry;
using Fanghu.Reports;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Fanghu.Web.Reports;
using Fanghu.Web.Screening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Screening;

/// <summary>
/// One screening run: its progress while it runs (the page reloads itself every 2 seconds, no script), then what it
/// found. A department account sees its own department's runs, without links into the registry or the cases.
/// </summary>
public sealed class RunModel(GetRun get, ScreeningJobs jobs, ReportPlaces places, TimeProvider clock, IStringLocalizer<SharedResource> l,
    Fanghu.Data.FanghuDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    /// <summary>From the query only (Razor Pages' own route value is also called “page”).</summary>
    public int? PageNumber => int.TryParse(Request.Query["page"], out var n) ? n : null;

    public ScreeningRun Run { get; private set; } = null!;
    public RunView View { get; private set; } = null!;
    public Paged<GetRun.Warning> Warnings { get; private set; } = null!;

    /// <summary>What ScreenFile answered, while this process remembers it: errors by row and column, notes.</summary>
    public ScreeningSummary? Summary { get; private set; }

    public DatasetType Dataset => DatasetTypes.Of(Run.Dataset);

    [TempData] public string? Notice { get; set; }

    public Func<int, string> PageLink => p => $"/Screening/Run/{Id}?page={p}#warnings";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await get.HandleAsync(Policies.RunViewerOf(User), Id, PageNumber, ct);
        if (result is null) return NotFound();
        Run = result.Run;
        Warnings = result.Warnings;
        View = RunView.Of(Run, jobs, clock.GetUtcNow());
        Summary = jobs.SummaryOf(Id);
        // The warnings name persons with what a department knows of them (medical costs, disability…): a read of
        // personal records, logged like a household's health records.
        if (Warnings.Items.Count > 0) await RecordReadAsync(Dataset.Name, "页面", Warnings.Items.Count, ct);
        return Page();
    }

    /// <summary>Every warning of the run the account may see as an XLSX download (DESIGN §8: every table exports to XLSX).</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await get.AllAsync(Policies.RunViewerOf(User), Id, ct) is not { } all) return NotFound();
        var (run, warnings) = all;
        var dataset = DatasetTypes.Of(run.Dataset);
        var what = $"{dataset.Name}筛查预警";
        var title = await places.ExportTitleAsync(User, what, SpreadsheetExport.AsOf(run.AsOf), ct);
        if (warnings.Count > 0) await RecordReadAsync(dataset.Name, "导出", warnings.Count, ct);
        using var buffer = new MemoryStream();
        ScreeningXlsx.WriteWarnings(buffer, title, run, $"{dataset.Department} · {dataset.Name}", warnings);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"筛查预警-{dataset.Name}-{run.Id}-{run.AsOf:yyyyMMdd}.xlsx");
    }

    private Task RecordReadAsync(string dataset, string how, int shown, CancellationToken ct) =>
        Fanghu.Audit.AuditTrail.RecordReadAsync(db, nameof(ScreeningRun), Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new Dictionary<string, object?> { ["Field"] = "Warnings", ["Dataset"] = dataset, ["How"] = how, ["Count"] = shown }, ct);

    /// <summary>取消: stops a run of this process; it writes nothing (ScreenFile's transaction never commits).</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!Policies.MayUploadScreening(User)) return Forbid();
        if (await get.RunAsync(Policies.RunViewerOf(User), Id, ct) is null) return NotFound();
        Notice = jobs.Cancel(Id) ? l["Screening.CancelAsked"] : l["Screening.CannotCancel"];
        return Redirect($"/Screening/Run/{Id}");
    }
}
