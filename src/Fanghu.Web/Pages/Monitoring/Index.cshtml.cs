using Fanghu.Accounts;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>待办: the cases waiting for a step the user's role owns, the most urgent first, late ones marked.</summary>
public sealed class IndexModel(WorkQueue queue) : PageModel
{
    [BindProperty(SupportsGet = true)] public CaseStage? Stage { get; set; }

    public Role? Role { get; private set; }
    public IReadOnlyList<CaseStage> Stages { get; private set; } = [];
    public IReadOnlyList<WorkQueue.Row> Rows { get; private set; } = [];
    public int Late => Rows.Count(r => r.DaysLate > 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Role = FanghuClaims.RoleOf(User);
        Stages = Role is { } role ? WorkQueue.StagesOf(role) : [];
        if (Stage is { } s && !Stages.Contains(s)) Stage = null;
        Rows = Role is { } r ? await queue.HandleAsync(r, Stage, ct) : [];
    }
}
