using Fanghu.Registry;

namespace Fanghu.Tests.Registry;

public class IdNumberTests
{
    [Theory]
    [InlineData("533401198001010018")]
    [InlineData("533422201506150039")]
    [InlineData("533423199202290012")]
    public void A_valid_number_is_accepted_as_is(string raw)
    {
        var result = IdNumber.Parse(raw);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(raw, result.Value!.Value.Value);
        Assert.Null(result.Note);
    }

    [Fact]
    public void A_check_character_X_is_accepted()
    {
        Assert.Equal("11010519491231002X", IdNumber.Parse("11010519491231002X").Value?.Value);
    }

    [Fact]
    public void A_lower_case_x_is_normalised_to_upper_case()
    {
        Assert.Equal("53340119850615018X", IdNumber.Parse("53340119850615018x").Value?.Value);
    }

    [Fact]
    public void Full_width_digits_are_normalised()
    {
        Assert.Equal("533401198001010018", IdNumber.Parse("５３３４０１１９８００１０１００１８").Value?.Value);
    }

    [Theory]
    [InlineData("'533401198001010018")]
    [InlineData("  533401198001010018  ")]
    [InlineData("533401 19800101 0018")]
    [InlineData("'533401198001010018 ")]
    public void A_leading_apostrophe_and_spaces_are_removed(string raw)
    {
        Assert.Equal("533401198001010018", IdNumber.Parse(raw).Value?.Value);
    }

    [Fact]
    public void A_wrong_check_digit_is_rejected_without_suggesting_a_digit_that_would_hide_another_typo()
    {
        var result = IdNumber.Parse("533401198001010019");

        Assert.False(result.Ok);
        Assert.Contains("校验位不正确", result.Error);
        Assert.DoesNotContain("应为", result.Error);
    }

    [Fact]
    public void Eighteen_digits_ending_in_000_are_refused_even_with_a_valid_checksum_unless_marked_as_text()
    {
        var result = IdNumber.Parse("533401198001014000");
        Assert.False(result.Ok);
        Assert.Contains("文本", result.Error);

        Assert.Equal("533401198001014000", IdNumber.Parse("'533401198001014000").Value?.Value);
    }

    [Theory]
    [InlineData("5.33401E+17")]
    [InlineData("5.33401e+17")]
    [InlineData("5.33401198001010E+17")]
    public void A_number_in_Excel_scientific_notation_is_rejected_with_a_message_about_text_format(string raw)
    {
        var result = IdNumber.Parse(raw);

        Assert.False(result.Ok);
        Assert.Contains("Excel", result.Error);
        Assert.Contains("文本", result.Error);
    }

    [Fact]
    public void Eighteen_digits_ending_in_000_with_a_bad_checksum_get_the_Excel_message()
    {
        var result = IdNumber.Parse("533401198001011000");

        Assert.False(result.Ok);
        Assert.Contains("Excel", result.Error);
        Assert.Contains("文本", result.Error);
    }

    [Fact]
    public void A_fifteen_digit_number_is_converted_to_eighteen_digits_with_a_note()
    {
        var result = IdNumber.Parse("533401800101001");

        Assert.True(result.Ok, result.Error);
        Assert.Equal("533401198001010018", result.Value!.Value.Value);
        Assert.NotNull(result.Note);
        Assert.Contains("533401198001010018", result.Note);
    }

    [Fact]
    public void An_impossible_birth_date_is_rejected()
    {
        var result = IdNumber.Parse("533423199002290018");

        Assert.False(result.Ok);
        Assert.Contains("出生日期", result.Error);
    }

    [Theory]
    [InlineData("53340119800101001", "应为 18 位")]
    [InlineData("5334011980010100181", "应为 18 位")]
    [InlineData("53340119800101A018", "非法字符")]
    [InlineData("", "为空")]
    [InlineData(null, "为空")]
    public void Malformed_numbers_are_rejected_with_a_reason(string? raw, string reason)
    {
        var result = IdNumber.Parse(raw);

        Assert.False(result.Ok);
        Assert.Null(result.Value);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Gender_and_birth_date_are_derived_from_the_number()
    {
        var man = IdNumber.Parse("533401198001010018").Value!.Value;
        var woman = IdNumber.Parse("533401198001010026").Value!.Value;

        Assert.Equal(Gender.Male, man.Gender);
        Assert.Equal(Gender.Female, woman.Gender);
        Assert.Equal(new DateOnly(1980, 1, 1), man.BirthDate);
        Assert.Equal("533401", man.RegionCode);
    }

    [Fact]
    public void The_masked_form_shows_only_the_region_and_the_last_four_characters()
    {
        Assert.Equal("533401********0018", IdNumber.Parse("533401198001010018").Value!.Value.Masked);
        Assert.Equal("*****", IdNumber.Mask("12345"));
    }

    [Fact]
    public void The_check_character_follows_ISO_7064_MOD_11_2()
    {
        Assert.Equal('X', IdNumber.ComputeCheckCharacter("11010519491231002"));
        Assert.Equal('8', IdNumber.ComputeCheckCharacter("53340119800101001"));
    }
}
