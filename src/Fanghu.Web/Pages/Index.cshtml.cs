using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Registry;
using Fanghu.Web.Accounts;
using Fanghu.Web.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages;

public sealed class IndexModel(ScopeSummary summary, ListDivisions divisions, DataScope scope) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public Role? Role { get; private set; }
    public bool Unrestricted => scope.Unrestricted;
    public IReadOnlyList<ListDivisions.DivisionRow> Divisions { get; private set; } = [];
    public ScopeSummary.Result Summary { get; private set; } = new(0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        DisplayName = FanghuClaims.NameOf(User);
        Role = FanghuClaims.RoleOf(User);
        Divisions = await divisions.NamesAsync(FanghuClaims.DivisionsOf(User), ct);
        Summary = await summary.HandleAsync(ct);
    }
}
