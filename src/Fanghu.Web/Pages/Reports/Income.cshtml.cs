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
/// 收入统计 for a division, a year and a population (脱贫户, 一般农户 or 监测户): per-capita net income, its change on the
/// year before and the shares of the four income kinds, the figures of <c>fanghu report income</c>. Without a division
/// it opens on the user's first one, for last year (a year's incomes are gathered after it ends), for 脱贫户. A division
/// outside the user's scope is refused with a message (403), not counted in part.
/// </summary>
public sealed class IncomeModel(IncomeReport report, ReportPlaces places, TimeProvider clock) : ReportPageModel(places)
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? HouseholdType { get; set; }

    public IncomeReport.Result? Result { get; private set; }

    public int ThisYear { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The same figures as an XLSX download (DESIGN §8: every table exports to XLSX); a refusal shows the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Result is not { Ok: true } result) return Page();
        using var buffer = new MemoryStream();
        IncomeReportXlsx.Write(buffer, result);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"收入统计-{result.DivisionName}-{result.Report.HouseholdType}-{result.Report.Year}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ThisYear = clock.Today().Year;
        if (string.IsNullOrWhiteSpace(Year)) Year = (ThisYear - 1).ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(HouseholdType)) HouseholdType = IncomeReport.Words[IncomeReport.Population.FormerlyPoor];
        Result = await RunAsync(division => report.HandleAsync(new IncomeReport.Request(division, Year, HouseholdType), ct),
            r => (r.Refused, r.Report?.Division, r.DivisionName), ct);
        if (Result is not { Ok: true } result) return;
        Year = result.Report.Year.ToString(CultureInfo.InvariantCulture);
        HouseholdType = result.Report.HouseholdType;
    }

    public string Link(string division) =>
        $"?division={Uri.EscapeDataString(division)}&year={Uri.EscapeDataString(Year ?? "")}&householdType={Uri.EscapeDataString(HouseholdType ?? "")}";

    public string XlsxLink => "?handler=Xlsx&" + Link(Division ?? "")[1..];

    public static string Percent(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change with its sign: +773, −12, 0.</summary>
    public static string Signed(long yuan) => yuan.ToString("+#,##0;-#,##0;0", CultureInfo.InvariantCulture);

    public static string Signed(decimal percent) => percent.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%";

    public static string Whole(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
}
