using Fanghu.Audit;
using Fanghu.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Audit;

/// <summary>
/// 审计日志: the auditor and the administrator search the audit trail by person, household, user and China dates
/// (SearchAuditTrail, docs/adr/0017). Read-only: the page has no form that posts.
/// </summary>
public sealed class IndexModel(SearchAuditTrail search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Household { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<SearchAuditTrail.Row> Entries { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public Func<int, string> PageLink => p =>
        $"?person={Uri.EscapeDataString(Person ?? "")}&household={Uri.EscapeDataString(Household ?? "")}" +
        $"&user={Uri.EscapeDataString(UserName ?? "")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&page={p}";

    public async Task OnGetAsync(CancellationToken ct) =>
        Entries = await search.HandleAsync(new SearchAuditTrail.Request(Person, Household, UserName, From, To, PageNumber), ct);
}
