using System.Globalization;
using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Reports;
using Fanghu.Web.Accounts;
using Fanghu.Web.Localization;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Reports;

/// <summary>
/// 数据看板: a division's figures as of a date (<see cref="Dashboard"/>), with charts beside their tables and the divisions
/// one level down to drill into. Without a division it opens on the user's first one, as of today. A division outside
/// the user's scope is refused with a message (403).
/// </summary>
public sealed class DashboardModel(Dashboard dashboard, ReportPlaces places, TimeProvider clock, Display show) : ReportPageModel(places)
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }

    public Dashboard.Result? Result { get; private set; }

    public string Today { get; private set; } = "";

    public string AsOfValue => Result?.Board?.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? AsOf ?? Today;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Every table of the page as one XLSX workbook; a refusal shows the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Result is not { Ok: true } result) return Page();
        using var buffer = new MemoryStream();
        DashboardXlsx.Write(buffer, result, User.Identity?.Name ?? "");
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{DashboardXlsx.What}-{result.DivisionName}-{result.Board.AsOf:yyyyMMdd}.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Result = await RunAsync(division => dashboard.HandleAsync(new Dashboard.Request(division, AsOf), ct), r => (r.Refused, r.Board?.Division, r.DivisionName), ct);
    }

    public string Link(string division) => $"?division={Uri.EscapeDataString(division)}&asOf={Uri.EscapeDataString(AsOfValue)}";

    public string XlsxLink => $"?handler=Xlsx&division={Uri.EscapeDataString(Division ?? "")}&asOf={Uri.EscapeDataString(AsOfValue)}";

    public static string Percent(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Rate(decimal rate) => rate.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// What the charts draw, as JSON for dashboard.js (no inline script: the page only carries data). Names are the
    /// tables' own, in the page's language; the tables beside the charts are the same figures for screen readers.
    /// </summary>
    public string ChartData(Func<string, string> word)
    {
        var b = Result!.Board!;
        var data = new
        {
            categories = b.Monitoring.ByCategory.Select(c => new { name = show.Term(c.Value), value = c.Households }),
            risks = b.Monitoring.ByRiskType.Select(r => new { name = $"{r.Code} {r.Name}", value = r.Households }),
            measures = b.Measures.Where(m => m.Measures > 0).Select(m => new { name = show.Term(m.Value), value = m.Measures }),
            income = b.Incomes.Select(i => new
            {
                name = i.HouseholdType,
                shares = new[]
                {
                    new { name = word("IncomeReport.Kind.Wages"), value = i.Shares.Wages },
                    new { name = word("IncomeReport.Kind.Operating"), value = i.Shares.Operating },
                    new { name = word("IncomeReport.Kind.Property"), value = i.Shares.Property },
                    new { name = word("IncomeReport.Kind.Transfer"), value = i.Shares.Transfer },
                },
            }),
            children = b.Children.Select(c => new { name = c.Name, eliminated = c.Eliminated.Households, open = c.Monitored.Households - c.Eliminated.Households }),
            labels = new { eliminated = word("Report.Eliminated"), open = word("Report.NotEliminated") },
        };
        // The default encoder escapes < > & ' as \u003C…, so the JSON cannot end the script element it sits in.
        return JsonSerializer.Serialize(data);
    }
}
