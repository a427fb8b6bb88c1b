using System.Text;
using Fanghu.Applications;
using Fanghu.Monitoring;
using Fanghu.Web.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Apply;

/// <summary>
/// 查询办理进度: the resident gives the tracking code and the phone's last four digits and sees the status, the answer
/// and the steps; once the application is closed, confirms the answer or asks for it to be handled again. A lookup
/// is a POST (the two never go into an address, a history or a log) followed by a redirect: what was found is held
/// in TempData (an encrypted cookie of this browser session) until the resident leaves with 退出查询. Every POST
/// counts against the address's lookup limit, so the two cannot be guessed here, nor through 满意确认.
/// </summary>
[EnableRateLimiting(PublicApplications.LookupPolicy)]
[RequestSizeLimit(PublicApplications.MaxBodyBytes)]
[RefuseLargeForms]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class TrackModel(TrackApplication track, IStringLocalizer<SharedResource> l) : PageModel
{
    private const string HeldKey = "Apply.Track";

    [BindProperty] public LookupInput Lookup { get; set; } = new();
    [BindProperty] public RespondInput Respond { get; set; } = new();

    /// <summary>What the last answer did (Confirmed, Reopened), said once after the redirect.</summary>
    [TempData(Key = "Apply.Track.Said")] public string? Said { get; set; }

    public TrackApplication.View? Found { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ShowHeldAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = LookupInput.Clean(Lookup.Code);
        var four = LookupInput.Clean(Lookup.PhoneLastFour);
        if (code.Length == 0) ModelState.AddModelError("Lookup.Code", l["Validation.Required", l["Apply.Track.Code"]]);
        if (four.Length != 4 || !four.All(char.IsAsciiDigit)) ModelState.AddModelError("Lookup.PhoneLastFour", l["Apply.Track.LastFourInvalid"]);
        if (!ModelState.IsValid) return Page();

        var found = await track.HandleAsync(code, four, ct);
        if (found is null)
        {
            // The same words for a wrong code and a wrong phone: neither may confirm the other.
            ModelState.AddModelError(nameof(Lookup), l["Apply.Track.NotFound"]);
            return Page();
        }
        TempData[HeldKey] = found.TrackingCode + "|" + four;
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => RespondAsync(satisfied: true, ct);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken ct) => RespondAsync(satisfied: false, ct);

    /// <summary>退出查询: on a shared or borrowed phone, the next person must not see the application.</summary>
    public IActionResult OnPostForget()
    {
        TempData.Remove(HeldKey);
        return RedirectToPage();
    }

    private async Task<IActionResult> RespondAsync(bool satisfied, CancellationToken ct)
    {
        if (Held() is not (string code, string four))
        {
            ModelState.AddModelError(nameof(Lookup), l["Apply.Track.Expired"]);
            return Page();
        }
        if (!satisfied && string.IsNullOrWhiteSpace(Respond.Reason))
        {
            ModelState.AddModelError("Respond.Reason", l["Validation.Required", l["Apply.Track.Reason"]]);
        }
        else
        {
            try
            {
                if (await track.RespondAsync(code, four, satisfied, Respond.Reason, ct))
                {
                    Said = satisfied ? "Confirmed" : "Reopened";
                    return RedirectToPage();
                }
            }
            // A refusal of the reopening is about its reason (too long) or the state; either way it shows with the form.
            catch (Exception e) when (e is WorkflowRuleException or ConflictException)
            {
                ModelState.AddModelError(satisfied ? nameof(Respond) : "Respond.Reason", e.Message);
            }
        }
        await ShowHeldAsync(ct);
        if (Found is null) ModelState.AddModelError(nameof(Lookup), l["Apply.Track.Expired"]);
        return Page();
    }

    private (string Code, string Four)? Held() =>
        TempData.Peek(HeldKey) is string held && held.Split('|') is [var code, var four] ? (code, four) : null;

    private async Task ShowHeldAsync(CancellationToken ct)
    {
        if (Held() is not (string code, string four)) return;
        Found = await track.HandleAsync(code, four, ct);
        if (Found is null) TempData.Remove(HeldKey);
    }
}

public sealed class LookupInput
{
    public string? Code { get; set; }
    public string? PhoneLastFour { get; set; }

    /// <summary>
    /// As typed on a phone: full-width letters and digits of a Chinese keyboard made half-width, spaces dropped
    /// (a code read aloud in two halves), upper case.
    /// </summary>
    public static string Clean(string? text)
    {
        var sb = new StringBuilder();
        foreach (var c in text ?? "")
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }
        return sb.ToString().ToUpperInvariant();
    }
}

public sealed class RespondInput
{
    public string? Reason { get; set; }
}
