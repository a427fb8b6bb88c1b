using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Localization;

/// <summary>
/// The messages model binding gives for a value it cannot read (a date typed as "明天", a number with letters),
/// from the resources in the request's language instead of the framework's English sentences.
/// </summary>
public static class FormMessages
{
    public static void Configure(MvcOptions o, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = o.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, _) => l["Validation.Invalid", value]);
        m.SetValueIsInvalidAccessor(value => l["Validation.Invalid", value]);
        m.SetUnknownValueIsInvalidAccessor(_ => l["Validation.InvalidValue"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.Invalid", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValue"]);
        m.SetValueMustNotBeNullAccessor(_ => l["Validation.InvalidValue"]);
        m.SetMissingBindRequiredValueAccessor(_ => l["Validation.InvalidValue"]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.InvalidValue"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.InvalidValue"]);
        m.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
    }
}
