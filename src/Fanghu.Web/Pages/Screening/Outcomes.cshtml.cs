using Fanghu.Data;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Web.Pages.Screening;

/// <summary>
/// 预警去向: what became of the warnings, per rule and overall — counts only, so a department account learns how its
/// data helped without seeing any household (DESIGN §1). A department sees its own runs' warnings, others all in scope.
/// </summary>
public sealed class OutcomesModel(WarningOutcomes outcomes, FanghuDbContext db) : PageModel
{
    public WarningOutcomes.Result Result { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> RuleNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await outcomes.HandleAsync(Policies.RunViewerOf(User), ct);
        var rules = await db.ScreeningRules.AsNoTracking().Select(r => new { r.Key, r.Version, r.Name }).ToListAsync(ct);
        RuleNames = rules.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!.Name);
    }
}
