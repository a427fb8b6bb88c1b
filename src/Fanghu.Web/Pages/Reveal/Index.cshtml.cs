using Fanghu.Audit;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Reveal;

/// <summary>
/// 查看完整信息 (docs/adr/0017): the form next to a masked ID number or phone posts here with a reason; the answer is
/// this page with the full value, and the audit trail records the read. Not a redirect after the POST: the value must
/// not travel in a URL or in TempData. A role that may not reveal gets 403, a record outside the scope 404.
/// </summary>
public sealed class IndexModel(RevealPersonalData reveal, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The free choice next to the common reasons: the note alone is the reason.</summary>
    public const string Other = "其他";

    [BindProperty(SupportsGet = true)] public RevealRecord Record { get; set; }
    [BindProperty(SupportsGet = true, Name = "id")] public long RecordId { get; set; }
    [BindProperty(SupportsGet = true)] public RevealField Field { get; set; }

    /// <summary>The page the form was on, to go back to (a local address only).</summary>
    [BindProperty(SupportsGet = true)] public string? Back { get; set; }

    [BindProperty] public RevealInput Input { get; set; } = new();

    public RevealPersonalData.Subject? Subject { get; private set; }
    public string? Value { get; private set; }

    public string BackLink => Back is { Length: > 0 } b && Url.IsLocalUrl(b) ? b : "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var purpose = Input.Purpose?.Trim();
        var note = Input.Note?.Trim() ?? "";
        if (purpose is null || !(RevealPersonalData.CommonReasons.Contains(purpose) || purpose == Other))
            ModelState.AddModelError("Input.Purpose", l["Reveal.PurposeRequired"]);
        if (note.Length < RevealPersonalData.MinReasonLength)
            ModelState.AddModelError("Input.Note", l["Reveal.NoteTooShort", RevealPersonalData.MinReasonLength]);
        if (!ModelState.IsValid) return Page();

        var reason = purpose == Other ? note : $"{purpose}：{note}";
        var result = await reveal.HandleAsync(FanghuClaims.RoleOf(User), FanghuClaims.DepartmentOf(User),
            new RevealPersonalData.Request(Record, RecordId, Field, reason), ct);
        switch (result.Outcome)
        {
            case RevealPersonalData.Outcome.Revealed:
                Value = result.Value;
                return Page();
            case RevealPersonalData.Outcome.Forbidden:
                return Forbid();
            case RevealPersonalData.Outcome.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError("Input.Note", result.Message!);
                return Page();
        }
    }

    /// <summary>The record and its masked value; a refusal (403, 404) when there is nothing this user may reveal.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!Policies.MayReveal(User, Record)) return Forbid();
        if (Record == RevealRecord.Household && Field == RevealField.IdNumber) return NotFound();
        Subject = await reveal.DescribeAsync(FanghuClaims.RoleOf(User), FanghuClaims.DepartmentOf(User), Record, RecordId, Field, ct);
        return Subject?.Masked is null ? NotFound() : null;
    }

    public sealed class RevealInput
    {
        public string? Purpose { get; set; }
        public string? Note { get; set; }
    }
}
