using System.Globalization;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Reports;
using Fanghu.Web.Accounts;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Reports;

/// <summary>
/// 监测对象统计 for a division and an as-of date, drilling down through the divisions below. Without a division it
/// opens on the user's first one. A division outside the user's scope is refused with a message (403), not counted in part.
/// </summary>
public sealed class MonitoringModel(MonitoringReport report, ReportPlaces places, TimeProvider clock) : ReportPageModel(places)
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }

    public MonitoringReport.Result? Result { get; private set; }

    public string Today { get; private set; } = "";

    /// <summary>The as-of date to put back in the form (ISO, as a date input wants it).</summary>
    public string AsOfValue => Result?.Report?.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? AsOf ?? Today;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The same figures as an XLSX download (DESIGN §8: every table exports to XLSX); a refusal shows the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Result is not { Ok: true } result) return Page();
        using var buffer = new MemoryStream();
        MonitoringReportXlsx.Write(buffer, result);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"监测对象统计-{result.DivisionName}-{result.Report.AsOf:yyyyMMdd}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Result = await RunAsync(division => report.HandleAsync(new MonitoringReport.Request(division, AsOf), ct), r => (r.Refused, r.Report?.Division, r.DivisionName), ct);
    }

    public string Link(string division) =>
        $"?division={Uri.EscapeDataString(division)}&asOf={Uri.EscapeDataString(AsOfValue)}";

    public string XlsxLink => $"?handler=Xlsx&division={Uri.EscapeDataString(Division ?? "")}&asOf={Uri.EscapeDataString(AsOfValue)}";

    /// <summary>风险消除率: eliminated households over monitored households, one decimal.</summary>
    public static string Rate(MonitoringReport.Figures part, MonitoringReport.Figures whole) =>
        whole.Households == 0 ? "—" : (100.0 * part.Households / whole.Households).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
