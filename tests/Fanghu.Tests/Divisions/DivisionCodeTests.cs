using Fanghu.Divisions;

namespace Fanghu.Tests.Divisions;

public class DivisionCodeTests
{
    [Theory]
    [InlineData("53", DivisionLevel.Province)]
    [InlineData("5334", DivisionLevel.Prefecture)]
    [InlineData("533401", DivisionLevel.County)]
    [InlineData("533401100", DivisionLevel.Township)]
    [InlineData("533401100201", DivisionLevel.Village)]
    public void Each_level_has_its_own_length(string raw, DivisionLevel level)
    {
        var code = DivisionCode.Parse(raw);

        Assert.Equal(level, code.Level);
        Assert.Equal(raw, code.Value);
        Assert.Equal(raw.Length, DivisionCode.LengthOf(level));
    }

    [Theory]
    [InlineData("53", "530000000000")]
    [InlineData("5334", "533400000000")]
    [InlineData("533401100", "533401100000")]
    [InlineData("533401100201", "533401100201")]
    public void The_padded_form_has_twelve_digits(string raw, string padded)
    {
        Assert.Equal(padded, DivisionCode.Parse(raw).Padded);
    }

    [Theory]
    [InlineData("530000000000", "53")]
    [InlineData("533400000000", "5334")]
    [InlineData("533401000000", "533401")]
    [InlineData("533401100000", "533401100")]
    [InlineData("533401100201", "533401100201")]
    public void The_twelve_digit_padded_form_is_shortened(string raw, string expected)
    {
        Assert.Equal(expected, DivisionCode.Parse(raw).Value);
    }

    [Fact]
    public void A_leading_apostrophe_and_spaces_are_ignored()
    {
        Assert.Equal("533401", DivisionCode.Parse(" '533401 ").Value);
    }

    [Fact]
    public void The_parent_prefix_is_the_code_of_the_level_above()
    {
        Assert.Equal("533401100", DivisionCode.Parse("533401100201").ParentPrefix);
        Assert.Equal("533401", DivisionCode.Parse("533401100").ParentPrefix);
        Assert.Equal("5334", DivisionCode.Parse("533401").ParentPrefix);
        Assert.Equal("53", DivisionCode.Parse("5334").ParentPrefix);
        Assert.Null(DivisionCode.Parse("53").ParentPrefix);
    }

    [Fact]
    public void An_ancestor_code_is_read_at_any_higher_level()
    {
        var village = DivisionCode.Parse("533401100201");

        Assert.Equal("533401", village.AtLevel(DivisionLevel.County));
        Assert.Equal("53", village.AtLevel(DivisionLevel.Province));
        Assert.Throws<ArgumentOutOfRangeException>(() => DivisionCode.Parse("533401").AtLevel(DivisionLevel.Village));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("533")]
    [InlineData("53340")]
    [InlineData("5334011")]
    [InlineData("53340110020")]
    [InlineData("5334011002011")]
    public void A_code_of_the_wrong_length_is_rejected(string raw)
    {
        Assert.False(DivisionCode.TryParse(raw, out _, out var error));
        Assert.Contains("长度不对", error);
    }

    [Theory]
    [InlineData("5334O1")]
    [InlineData("53-34")]
    [InlineData("５３")]
    public void A_code_with_non_digits_is_rejected(string raw)
    {
        Assert.False(DivisionCode.TryParse(raw, out _, out var error));
        Assert.Contains("只能由数字组成", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_code_is_rejected(string? raw)
    {
        Assert.False(DivisionCode.TryParse(raw, out _, out var error));
        Assert.Contains("为空", error);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("5300")]
    [InlineData("533400")]
    [InlineData("533401000")]
    [InlineData("000000000000")]
    public void A_code_whose_own_part_is_all_zeros_is_rejected(string raw)
    {
        Assert.False(DivisionCode.TryParse(raw, out _, out var error));
        Assert.Contains("全为 0", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_reason()
    {
        var ex = Assert.Throws<FormatException>(() => DivisionCode.Parse("5334011"));
        Assert.Contains("长度不对", ex.Message);
    }
}

public class DivisionTests
{
    [Fact]
    public void A_division_under_its_parent_is_created_with_its_level()
    {
        var county = new Division(DivisionCode.Parse("533401"), " 香格里拉市 ", DivisionCode.Parse("5334"));

        Assert.Equal("533401", county.Code);
        Assert.Equal("香格里拉市", county.Name);
        Assert.Equal("5334", county.ParentCode);
        Assert.Equal(DivisionLevel.County, county.Level);
    }

    [Fact]
    public void A_division_under_the_wrong_parent_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5333")));
        Assert.Contains("5334", ex.Message);
    }

    [Fact]
    public void A_division_skipping_a_level_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Division(DivisionCode.Parse("533401100"), "建塘镇", DivisionCode.Parse("5334")));
    }

    [Fact]
    public void Only_a_province_may_have_no_parent()
    {
        Assert.Null(new Division(DivisionCode.Parse("53"), "云南省", null).ParentCode);
        Assert.Throws<ArgumentException>(() => new Division(DivisionCode.Parse("5334"), "迪庆藏族自治州", null));
    }

    [Fact]
    public void A_division_needs_a_name()
    {
        Assert.Throws<ArgumentException>(() => new Division(DivisionCode.Parse("53"), " ", null));
    }

    [Fact]
    public void Renaming_reports_whether_the_name_changed()
    {
        var d = new Division(DivisionCode.Parse("53"), "云南省", null);

        Assert.False(d.Rename(" 云南省 "));
        Assert.True(d.Rename("云南"));
        Assert.Equal("云南", d.Name);
    }
}
