using Fanghu.Data;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Web.Pages.Screening;

/// <summary>
/// 筛查规则: every rule by dataset with all its versions (active, draft, retired), each defined in words. Rules are
/// reference data, not household data; a department account sees its own department's datasets.
/// </summary>
public sealed class RulesModel(FanghuDbContext db) : PageModel
{
    public sealed record RuleGroup(string Key, string Name, IReadOnlyList<ScreeningRule> Versions);

    public IReadOnlyList<(DatasetType Dataset, IReadOnlyList<RuleGroup> Rules)> Datasets { get; private set; } = [];

    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rules = await db.ScreeningRules.AsNoTracking().ToListAsync(ct);
        var department = FanghuClaims.RoleOf(User) == Fanghu.Accounts.Role.Department ? FanghuClaims.DepartmentOf(User) ?? "" : null;
        Datasets = [.. DatasetTypes.All
            .Where(d => department is null || d.Department == department)
            .Select(d => (d, (IReadOnlyList<RuleGroup>)[.. rules.Where(r => r.Dataset == d.Kind)
                .GroupBy(r => r.Key)
                .OrderBy(g => g.Min(r => r.Id))
                .Select(g => new RuleGroup(g.Key, g.MaxBy(r => r.Version)!.Name,
                    [.. g.OrderBy(r => r.DivisionCode is not null).ThenBy(r => r.DivisionCode, StringComparer.Ordinal).ThenByDescending(r => r.Version)]))]))];
    }
}
