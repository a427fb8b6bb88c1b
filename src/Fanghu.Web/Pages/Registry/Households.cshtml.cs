using Fanghu.Registry;
using Fanghu.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Registry;

public sealed class HouseholdsModel(SearchRegistry search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string Kind { get; set; } = "households";
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<SearchRegistry.HouseholdRow>? Households { get; private set; }
    public Paged<SearchRegistry.PersonRow>? Persons { get; private set; }

    public Func<int, string> PageLink => p => $"?kind={Kind}&q={Uri.EscapeDataString(Q ?? "")}&page={p}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var request = new SearchRegistry.Request(Q, null, PageNumber, Paging.DefaultSize);
        if (Kind == "persons")
            Persons = await search.PersonsAsync(request, ct);
        else
        {
            Kind = "households";
            Households = await search.HouseholdsAsync(request, ct);
        }
    }
}
