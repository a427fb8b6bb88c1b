using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Reports;

/// <summary>
/// What every report page does around its report: the division asked for (or the user's first one), the picker's
/// choices and the breadcrumbs around the division the report answered for, and a refusal's HTTP status.
/// </summary>
public abstract class ReportPageModel(ReportPlaces places) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    /// <summary>What the picker offers: the user's own divisions, the way down to the one shown, and the one shown.</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> Choices { get; private set; } = [];

    /// <summary>The divisions above the one shown that the user may open (breadcrumbs).</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> Path { get; private set; } = [];

    /// <summary>
    /// Runs the report for the division asked for, or the user's first one; without any (an account with no
    /// division) nothing runs and null comes back, for the page to say so. <paramref name="answered"/> reads the
    /// result: the refusal and, when it answered, the division's code and name.
    /// </summary>
    protected async Task<T?> RunAsync<T>(Func<string, Task<T>> run, Func<T, (ReportRefusal? Refused, string? Division, string Name)> answered,
        CancellationToken ct) where T : class
    {
        var own = await places.OwnAsync(User, ct);
        Choices = own;
        Division = string.IsNullOrWhiteSpace(Division) ? own.FirstOrDefault()?.Code : Division.Trim();
        if (Division is null) return null;

        var result = await run(Division);
        var (refused, division, name) = answered(result);
        if (division is null)
        {
            Response.StatusCode = ReportPlaces.StatusOf(refused);
            return result;
        }
        var code = DivisionCode.Parse(division);
        (Path, Choices) = await places.AroundAsync(code, name, own, ct);
        Division = code.Value;
        return result;
    }
}
