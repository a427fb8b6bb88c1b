using Fanghu.Registry;

namespace Fanghu.Tests.Registry;

public class VocabularyTests
{
    [Theory]
    [InlineData("健康", HealthStatus.Healthy)]
    [InlineData(" 长期慢性病 ", HealthStatus.ChronicIllness)]
    [InlineData("患有大病", HealthStatus.SeriousIllness)]
    [InlineData("残疾", HealthStatus.Disabled)]
    public void A_known_word_parses_to_its_value(string text, HealthStatus expected)
    {
        Assert.True(Words.Health.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("本人", Relation.Head)]
    [InlineData("之父", Relation.Parent)]
    [InlineData("之母", Relation.Parent)]
    [InlineData("之祖母", Relation.Grandparent)]
    [InlineData("其他亲属", Relation.Other)]
    public void Common_aliases_parse_to_the_same_value(string text, Relation expected)
    {
        Assert.True(Words.Relation.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Each_value_shows_its_template_word()
    {
        Assert.Equal("户主", Words.Relation.Word(Relation.Head));
        Assert.Equal("弱劳动力或半劳动力", Words.Labour.Word(LabourCapacity.Weak));
        Assert.Equal("脱贫户", Words.HouseholdType.Word(HouseholdType.FormerlyPoor));
        Assert.True(Words.HouseholdType.TryParse("原建档立卡户", out var type));
        Assert.Equal(HouseholdType.FormerlyPoor, type);
    }

    [Theory]
    [InlineData("良好")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_word_does_not_parse(string? text)
    {
        Assert.False(Words.Health.TryParse(text, out _));
    }

    [Fact]
    public void The_unknown_word_message_names_the_field_the_value_and_every_allowed_word()
    {
        var message = Words.Health.UnknownMessage(" 良好 ");

        Assert.Contains("健康状况", message);
        Assert.Contains("“良好”", message);
        foreach (var word in Words.Health.Words)
            Assert.Contains(word, message);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("已参保", true)]
    [InlineData("否", false)]
    [InlineData(" 未参保 ", false)]
    public void Yes_and_no_words_parse(string text, bool expected)
    {
        Assert.True(Words.TryParseYesNo(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void An_unclear_yes_or_no_does_not_parse()
    {
        Assert.False(Words.TryParseYesNo("不确定", out _));
    }
}
