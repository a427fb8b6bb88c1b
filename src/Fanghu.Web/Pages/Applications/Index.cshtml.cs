using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Registry;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Applications;

/// <summary>
/// 受理台: the applications of the user's divisions (a department's: those its department leads or helps with), open
/// ones by default, the ones due first at the top; 督办 lists those past their due day.
/// </summary>
public sealed class IndexModel(ApplicationInbox inbox, ListDivisions divisions) : PageModel
{
    [BindProperty(SupportsGet = true)] public ApplicationInbox.Filter Filter { get; set; } = ApplicationInbox.Filter.Open;
    [BindProperty(SupportsGet = true)] public ApplicationArea? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<ApplicationInbox.Row> Rows { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    /// <summary>The names of the rows' divisions (village, or the township or county of a migrated record).</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public static string DivisionOf(ApplicationInbox.Row r) => r.VillageCode ?? r.TownshipCode ?? r.CountyCode;

    public string Link(ApplicationInbox.Filter filter, ApplicationArea? area, int? page = null) =>
        $"/Applications?filter={filter}{(area is { } a ? $"&area={a}" : "")}{(page is > 1 ? $"&page={page}" : "")}";

    public Func<int, string> PageLink => p => Link(Filter, Area, p);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A value from an old or edited link (filter=abc, area=99) falls back to the default view rather than an error.
        if (!Enum.IsDefined(Filter)) Filter = ApplicationInbox.Filter.Open;
        if (Area is { } area && !Enum.IsDefined(area)) Area = null;
        Rows = await inbox.HandleAsync(Policies.ApplicationViewerOf(User), Filter, Area, PageNumber, ct);
        var codes = Rows.Items.Select(DivisionOf).Distinct().ToList();
        Names = (await divisions.NamesAsync(codes, ct)).ToDictionary(d => d.Code, d => d.Name);
    }
}
