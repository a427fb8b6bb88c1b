using System.Text;
using Fanghu.Reports;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Reports.Snapshots;

/// <summary>
/// A frozen report beside the same report computed today for the same period (CompareSnapshot), figures that differ
/// highlighted, and the frozen JSON to download. A snapshot outside the user's divisions is a 404, like one that does
/// not exist.
/// </summary>
public sealed class SnapshotModel(CompareSnapshot compare) : PageModel
{
    public CompareSnapshot.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Result = await compare.HandleAsync(id, ct);
        return Result.Ok ? Page() : NotFound();
    }

    /// <summary>The side-by-side figures as an XLSX workbook, as every report table exports.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(long id, CancellationToken ct)
    {
        Result = await compare.HandleAsync(id, ct);
        if (!Result.Ok) return NotFound();
        using var buffer = new MemoryStream();
        SnapshotXlsx.Write(buffer, Result);
        var s = Result.Snapshot;
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"冻结报表对照-{s.DivisionCode}-{s.Period.Code}-v{s.Version}.xlsx");
    }

    /// <summary>The report's JSON exactly as it was frozen.</summary>
    public async Task<IActionResult> OnGetJsonAsync(long id, CancellationToken ct)
    {
        Result = await compare.HandleAsync(id, ct);
        if (!Result.Ok) return NotFound();
        var s = Result.Snapshot;
        return File(Encoding.UTF8.GetBytes(s.ReportJson), "application/json",
            $"snapshot-{s.Id}-{ReportSnapshot.WordOf(s.Kind)}-{s.DivisionCode}-{s.Period.Code}-v{s.Version}.json");
    }
}
