using Fanghu.Monitoring;

namespace Fanghu.Tests.Monitoring;

public class RiskTypesTests
{
    [Theory]
    [InlineData("01", "01")]
    [InlineData("1", "01")]
    [InlineData("0201", "0201")]
    [InlineData("0299", "0299")]
    [InlineData(" 09 ", "09")]
    [InlineData("99", "99")]
    public void A_risk_type_is_found_by_its_code(string text, string code)
    {
        Assert.True(RiskTypes.TryParse(text, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("因病", "01")]
    [InlineData("病", "01")]
    [InlineData("因自然灾害", "02")]
    [InlineData("洪涝灾害", "0201")]
    [InlineData("洪涝", "0201")]
    [InlineData("地震", "0206")]
    [InlineData("因残", "03")]
    [InlineData("因缺劳动力", "04")]
    [InlineData("因务工就业不稳", "07")]
    [InlineData("因学", "09")]
    [InlineData("其他", "99")]
    public void A_risk_type_is_found_by_its_name(string text, string code)
    {
        Assert.True(RiskTypes.TryParse(text, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("08")]
    [InlineData("因穷")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_risk_type_is_not_found(string? text)
    {
        Assert.False(RiskTypes.TryParse(text, out _));
    }

    [Fact]
    public void Each_code_has_its_name_and_the_allowed_list_names_them_all()
    {
        Assert.Equal("因残", RiskTypes.NameOf("03"));
        Assert.Equal("地质灾害", RiskTypes.NameOf("0202"));
        Assert.Contains("0206 地震灾害", RiskTypes.Allowed);
        Assert.Equal(17, RiskTypes.List.Count());
    }
}
