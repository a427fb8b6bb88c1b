using Fanghu.Applications;
using Fanghu.Audit;

namespace Fanghu.Tests.Audit;

/// <summary>The one masking rule of each kind (docs/adr/0017), and the reason a reveal needs.</summary>
public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0887-8223456", "0887-***3456")]
    [InlineData("08878223456", "088****3456")]
    [InlineData("+86-13812345678", "+86-*******5678")]
    [InlineData("8223456", "***3456")]
    [InlineData("123", "123")]
    public void A_phone_shows_only_its_first_digits_or_area_code_and_its_last_four(string phone, string masked) =>
        Assert.Equal(masked, PhoneNumber.Mask(phone));

    [Fact]
    public void Values_in_the_trail_are_masked_by_the_name_of_their_field()
    {
        var values = SearchAuditTrail.Values(null, """{"IdNumber":"533401198001010012","Phone":"13812345678","Name":"张测一","HouseholdPhone":"13900001111"}""");

        Assert.Equal(["HouseholdPhone", "IdNumber", "Name", "Phone"], values.Select(v => v.Field));
        Assert.Equal(["139****1111", "533401********0012", "张测一", "138****5678"], values.Select(v => v.After));
        Assert.All(values, v => Assert.Null(v.Before));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("  ", true)]
    [InlineData("核实", true)]
    [InlineData("入户核实", false)]
    public void A_reveal_needs_a_reason_of_at_least_four_characters(string? reason, bool refused) =>
        Assert.Equal(refused, RevealPersonalData.ReasonProblem(reason) is not null);
}
