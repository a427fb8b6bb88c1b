using System.Globalization;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Reports;

/// <summary>
/// 救助申请统计 for a division and a period (received, completed, completion rate, overdue, by area and by the
/// divisions below), the figures of <c>fanghu report applications</c>. Without a division it opens on the user's first
/// one, for the year so far. A division outside the user's scope is refused with a message (403), not counted in part.
/// </summary>
public sealed class ApplicationsModel(ApplicationsReport report, ReportPlaces places, TimeProvider clock) : ReportPageModel(places)
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public ApplicationsReport.Result? Result { get; private set; }

    public string Today { get; private set; } = "";

    /// <summary>The period to put back in the form (ISO, as a date input wants it).</summary>
    public string FromValue => Result?.Report?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? From ?? "";

    public string ToValue => Result?.Report?.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? To ?? "";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The same figures as an XLSX download (DESIGN §8); a refusal shows the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Result is not { Ok: true } result) return Page();
        using var buffer = new MemoryStream();
        ApplicationsReportXlsx.Write(buffer, result);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"救助申请统计-{result.DivisionName}-{result.Report.From:yyyyMMdd}-{result.Report.To:yyyyMMdd}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        Today = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The year so far: what a county is asked for most.
        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To))
        {
            From = new DateOnly(today.Year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            To = Today;
        }
        Result = await RunAsync(division => report.HandleAsync(new ApplicationsReport.Request(division, From, To), ct), r => (r.Refused, r.Report?.Division, r.DivisionName), ct);
    }

    public string Link(string division) =>
        $"?division={Uri.EscapeDataString(division)}&from={Uri.EscapeDataString(FromValue)}&to={Uri.EscapeDataString(ToValue)}";

    public string XlsxLink => $"?handler=Xlsx&division={Uri.EscapeDataString(Division ?? "")}&from={Uri.EscapeDataString(FromValue)}&to={Uri.EscapeDataString(ToValue)}";

    public static string Percent(decimal rate) => rate.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
