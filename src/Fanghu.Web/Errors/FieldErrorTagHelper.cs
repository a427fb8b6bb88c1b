using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Fanghu.Web.Errors;

/// <summary>
/// Puts a field's error message right after the field and ties the two together for screen readers
/// (<c>aria-invalid</c>, <c>aria-describedby</c>), on every <c>asp-for</c> input, select and textarea. The form's
/// own message box still lists every message, so a long form shows at its top that something needs fixing.
/// Radio buttons and checkboxes are only marked invalid: one message per choice would repeat it.
/// </summary>
[HtmlTargetElement("input", Attributes = For)]
[HtmlTargetElement("select", Attributes = For)]
[HtmlTargetElement("textarea", Attributes = For)]
public sealed class FieldErrorTagHelper(HtmlEncoder encoder) : TagHelper
{
    private const string For = "asp-for";

    /// <summary>After the framework's input/select/textarea helpers, which write the id and the name.</summary>
    public override int Order => 100;

    [HtmlAttributeName(For)]
    public ModelExpression Field { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(Field.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0) return;
        var messages = entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct().ToList();
        if (messages.Count == 0) return;

        output.Attributes.SetAttribute("aria-invalid", "true");
        var type = output.Attributes["type"]?.Value?.ToString();
        if (type is "radio" or "checkbox") return;

        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(name, "_");
        var errorId = id + "-error";
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : describedBy + " " + errorId);
        output.PostElement.AppendHtml($"<span id=\"{encoder.Encode(errorId)}\" class=\"field-error\">{encoder.Encode(string.Join("；", messages))}</span>");
    }
}
