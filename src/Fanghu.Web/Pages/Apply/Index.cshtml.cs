using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Web.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Fanghu.Web.Pages.Apply;

/// <summary>
/// 申请救助: a resident (or someone on their behalf) asks for help without an account, on a phone, without script.
/// The village comes from one list grouped by township, after narrowing down by county when the divisions hold too
/// many for one list. A refusal stands under its field with everything typed kept; a filing goes to the tracking code.
/// </summary>
[EnableRateLimiting(PublicApplications.FilingPolicy)]
[RequestSizeLimit(PublicApplications.MaxBodyBytes)]
[RefuseLargeForms]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(FileApplication file, ListVillages villages, IOptions<PublicApplicationOptions> options,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>What the confirmation page shows: the code and the phone's last four digits, in TempData (never the URL).</summary>
    public const string FiledKey = "Apply.Filed";

    [BindProperty(SupportsGet = true, Name = "place")] public string? Place { get; set; }
    [BindProperty] public ApplyInput Input { get; set; } = new();

    public ListVillages.Result Villages { get; private set; } = new(null, [], [], []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Villages = await villages.HandleAsync(Place, options.Value.VillagesPerList, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Every empty field is named at once: each round trip costs the resident one of the address's filings.
        Require(nameof(ApplyInput.Area), Input.Area is null, "Apply.Choose", "Apply.Area");
        Require(nameof(ApplyInput.Content), string.IsNullOrWhiteSpace(Input.Content), "Validation.Required", "Apply.Content");
        Require(nameof(ApplyInput.ApplicantName), string.IsNullOrWhiteSpace(Input.ApplicantName), "Validation.Required", "Apply.ApplicantName");
        Require(nameof(ApplyInput.IdNumber), string.IsNullOrWhiteSpace(Input.IdNumber), "Validation.Required", "Apply.IdNumber");
        Require(nameof(ApplyInput.Phone), string.IsNullOrWhiteSpace(Input.Phone), "Validation.Required", "Apply.Phone");
        Require(nameof(ApplyInput.VillageCode), string.IsNullOrWhiteSpace(Input.VillageCode), "Apply.Choose", "Apply.Village");
        Require(nameof(ApplyInput.RequesterName), Input.OnBehalf && string.IsNullOrWhiteSpace(Input.RequesterName), "Validation.Required", "Apply.RequesterName");

        if (ModelState.IsValid)
        {
            // The use case checks the rest (the ID number's check character, the phone, lengths, the village, three a
            // day per phone) and names the field a refusal is about.
            var result = await file.HandleAsync(new FileApplication.Request(Input.Area, Input.Content, Input.ApplicantName, Input.IdNumber,
                Input.Phone, Input.VillageCode, Input.OnBehalf, Input.OnBehalf ? Input.RequesterName : null), ct);
            if (result.TrackingCode is { } code)
            {
                TempData[FiledKey] = code + "|" + PhoneNumber.LastFour(PhoneNumber.Normalize(Input.Phone)!);
                return RedirectToPage("Filed");
            }
            ModelState.AddModelError(result.Field is { } field ? $"{nameof(Input)}.{field}" : nameof(Input), result.Error ?? "");
        }
        Villages = await villages.HandleAsync(Place, options.Value.VillagesPerList, ct);
        return Page();
    }

    /// <summary>The message of an empty field, unless it already has one (a value that could not be read).</summary>
    private void Require(string field, bool missing, string message, string label)
    {
        var key = $"{nameof(Input)}.{field}";
        if (missing && ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
            ModelState.AddModelError(key, l[message, l[label]]);
    }
}

/// <summary>The form as typed; the names are the use case's, so its refusals find their field.</summary>
public sealed class ApplyInput
{
    public ApplicationArea? Area { get; set; }
    public string? Content { get; set; }
    public string? ApplicantName { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? VillageCode { get; set; }
    public bool OnBehalf { get; set; }
    public string? RequesterName { get; set; }
}
