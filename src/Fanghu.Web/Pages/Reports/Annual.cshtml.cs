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
/// 年度工作总结 for a division and a year, in Chinese prose from the live reports (<see cref="AnnualSummary"/>), and the
/// same as a Word document. Without a division it opens on the user's first one, for last year (the year whose figures
/// are complete). A division outside the user's scope is refused with a message (403), not summarised in part.
/// </summary>
public sealed class AnnualModel(AnnualSummary summary, ReportPlaces places, TimeProvider clock) : ReportPageModel(places)
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public AnnualSummary.Result? Result { get; private set; }

    /// <summary>The years the select offers, newest first.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The summary as a .docx download; a refusal shows the page with its message.</summary>
    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Result is not { Ok: true } result) return Page();
        using var buffer = new MemoryStream();
        AnnualSummaryDocx.Write(buffer, result.Summary);
        return File(buffer.ToArray(), AnnualSummaryDocx.ContentType, $"年度工作总结-{result.Summary.DivisionName}-{result.Summary.Year}.docx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var thisYear = clock.Today().Year;
        Years = [.. Enumerable.Range(0, 10).Select(i => thisYear - i).Where(y => y >= IncomeReport.FirstYear)];
        if (string.IsNullOrWhiteSpace(Year)) Year = (thisYear - 1).ToString(CultureInfo.InvariantCulture);
        Result = await RunAsync(division => summary.HandleAsync(new AnnualSummary.Request(division, Year, FanghuClaims.NameOf(User)), ct),
            r => (r.Refused, r.Summary?.Division, r.Summary?.DivisionName ?? ""), ct);
        if (Result is not { Ok: true } result) return;
        Year = result.Summary.Year.ToString(CultureInfo.InvariantCulture);
        // A year older than the select's ten (reached by a link) is still shown as chosen.
        if (!Years.Contains(Result.Summary.Year)) Years = [.. Years.Append(Result.Summary.Year).OrderDescending()];
    }

    public string Link(string division) => $"?division={Uri.EscapeDataString(division)}&year={Uri.EscapeDataString(Year ?? "")}";

    public string DocxLink => $"?handler=Docx&division={Uri.EscapeDataString(Division ?? "")}&year={Uri.EscapeDataString(Year ?? "")}";
}
