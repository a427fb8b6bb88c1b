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
public sealed class AnnualModel(AnnualSummary summary, ReportPlaces places, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    public AnnualSummary.Result? Result { get; private set; }

    /// <summary>What the picker offers: the user's own divisions, the way down to the one shown, and the one shown.</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> Choices { get; private set; } = [];

    /// <summary>The divisions above the one shown that the user may open (breadcrumbs).</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> Path { get; private set; } = [];

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
        var own = await places.OwnAsync(User, ct);
        Division = string.IsNullOrWhiteSpace(Division) ? own.FirstOrDefault()?.Code : Division.Trim();
        if (Division is null)
        {
            Choices = own;
            return;
        }

        Result = await summary.HandleAsync(new AnnualSummary.Request(Division, Year, FanghuClaims.NameOf(User)), ct);
        if (!Result.Ok)
        {
            Response.StatusCode = ReportPlaces.StatusOf(Result.Refused);
            Choices = own;
            return;
        }

        var code = DivisionCode.Parse(Result.Summary.Division);
        (Path, Choices) = await places.AroundAsync(code, Result.Summary.DivisionName, own, ct);
        Division = code.Value;
        Year = Result.Summary.Year.ToString(CultureInfo.InvariantCulture);
        // A year older than the select's ten (reached by a link) is still shown as chosen.
        if (!Years.Contains(Result.Summary.Year)) Years = [.. Years.Append(Result.Summary.Year).OrderDescending()];
    }

    public string Link(string division) => $"?division={Uri.EscapeDataString(division)}&year={Uri.EscapeDataString(Year ?? "")}";

    public string DocxLink => $"?handler=Docx&division={Uri.EscapeDataString(Division ?? "")}&year={Uri.EscapeDataString(Year ?? "")}";
}
