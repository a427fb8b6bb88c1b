using System.Security.Claims;
using Fanghu.Accounts;
using Fanghu.Divisions;
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
}
