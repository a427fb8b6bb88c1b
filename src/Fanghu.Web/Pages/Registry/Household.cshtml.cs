using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Registry;

public sealed class HouseholdModel(GetHouseholdDetail detail, HouseholdTimeline timeline) : PageModel
{
    public GetHouseholdDetail.Result? Household { get; private set; }

    /// <summary>The household's whole history in the workflow, every episode, oldest first.</summary>
    public IReadOnlyList<HouseholdTimeline.Entry> Timeline { get; private set; } = [];

    /// <summary>A household outside the user's scope is indistinguishable from one that does not exist: 404.</summary>
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Household = await detail.HandleAsync(id, healthShown: true, ct);
        if (Household is null) return NotFound();
        Timeline = await timeline.HandleAsync(id, ct);
        return Page();
    }
}
