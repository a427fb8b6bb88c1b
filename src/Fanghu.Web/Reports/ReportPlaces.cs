using System.Security.Claims;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Reports;
using Fanghu.Web.Accounts;

namespace Fanghu.Web.Reports;

/// <summary>
/// Where a report page stands in the divisions, the same for every report: the user's own divisions (where a page
/// without a division opens), the divisions above the one shown that the user may open (breadcrumbs), and what the
/// picker offers — the own ones, the way down and the one shown.
/// </summary>
public sealed class ReportPlaces(ListDivisions divisions, DataScope scope)
{
    public async Task<IReadOnlyList<ListDivisions.DivisionRow>> OwnAsync(ClaimsPrincipal user, CancellationToken ct) =>
        scope.Unrestricted ? await divisions.HandleAsync(null, ct) : await divisions.NamesAsync(FanghuClaims.DivisionsOf(user), ct);

    public async Task<(IReadOnlyList<ListDivisions.DivisionRow> Path, IReadOnlyList<ListDivisions.DivisionRow> Choices)> AroundAsync(
        DivisionCode code, string name, IReadOnlyList<ListDivisions.DivisionRow> own, CancellationToken ct)
    {
        var above = Enum.GetValues<DivisionLevel>().Where(l => l < code.Level).Select(code.AtLevel).Where(scope.Covers).ToList();
        var path = await divisions.NamesAsync(above, ct);
        var current = new ListDivisions.DivisionRow(code.Value, name, code.Level, code.ParentPrefix);
        return (path, [.. own.Concat(path).Append(current).DistinctBy(d => d.Code).OrderBy(d => d.Code, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The title of an export that is not about one chosen division (a screening run's warnings, a what-if): it names
    /// the user's own divisions — the top ones, which hold the rest — since those are what the table covers.
    /// </summary>
    public async Task<string> ExportTitleAsync(ClaimsPrincipal user, string what, string when, CancellationToken ct)
    {
        var own = await OwnAsync(user, ct);
        if (own.Count == 0) return $"{what} {when}";
        var top = own.Min(d => d.Level);
        var tops = own.Where(d => d.Level == top).ToList();
        return tops.Count == 1 ? SpreadsheetExport.Title(what, tops[0].Name, tops[0].Code, when)
            : $"{string.Join("、", tops.Select(d => $"{d.Name}（{d.Code}）"))}{what} {when}";
    }

    /// <summary>The HTTP status of a refused report: outside the user's divisions 403, unknown division 404, bad input 400.</summary>
    public static int StatusOf(ReportRefusal? refusal) => refusal switch
    {
        ReportRefusal.OutsideScope => StatusCodes.Status403Forbidden,
        ReportRefusal.UnknownDivision => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
