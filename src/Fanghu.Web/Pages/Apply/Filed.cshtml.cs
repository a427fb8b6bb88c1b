using Fanghu.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Apply;

/// <summary>
/// After filing: the tracking code, large, with what to keep and what happens next. The code comes in TempData, so it
/// is in no address, history or log, and the page survives a reload; without it there is nothing to show.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class FiledModel(TrackApplication track) : PageModel
{
    public TrackApplication.View? Filed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (TempData.Peek(IndexModel.FiledKey) is not string held || held.Split('|') is not [var code, var four])
            return RedirectToPage("Index");
        Filed = await track.HandleAsync(code, four, ct);
        return Filed is null ? RedirectToPage("Index") : Page();
    }
}
