using System.Text;
using Fanghu.Imports;

namespace Fanghu.Tests.Imports;

public sealed class CellParsersTests
{
    [Theory]
    [InlineData("32,000", 32000)]
    [InlineData("32，000元", 32000)]
    [InlineData("1.2万元", 12000)]
    [InlineData("3万", 30000)]
    [InlineData("１２３４．５", 1234.5)]
    [InlineData("￥88", 88)]
    [InlineData("0", 0)]
    public void Amounts_are_read_as_people_write_them(string text, double expected)
    {
        Assert.True(CellParsers.TryAmount(text, out var value, out var error), error);
        Assert.Equal((decimal)expected, value);
    }

    [Fact]
    public void A_blank_amount_is_no_value_and_text_is_an_error_in_Chinese()
    {
        Assert.True(CellParsers.TryAmount("  ", out var blank, out _));
        Assert.Null(blank);
        Assert.False(CellParsers.TryAmount("三千", out _, out var error));
        Assert.Contains("不是数字", error);
        Assert.False(CellParsers.TryAmount("1e5", out _, out _));
    }

    [Theory]
    [InlineData("2021-05-26")]
    [InlineData("2021/5/26")]
    [InlineData("2021.5.26")]
    [InlineData("2021年5月26日")]
    [InlineData("20210526")]
    [InlineData("44342")]
    [InlineData("44342.0")]
    [InlineData("2021-05-26 00:00:00")]
    [InlineData("２０２１年５月２６日")]
    public void Dates_in_every_usual_form_and_as_an_Excel_serial_are_understood(string text)
    {
        Assert.True(CellParsers.TryDate(text, out var value, out var error), error);
        Assert.Equal(new DateOnly(2021, 5, 26), value);
    }

    [Theory]
    [InlineData("2021-02-30")]
    [InlineData("26/5/2021")]
    [InlineData("明年")]
    public void Impossible_or_unknown_dates_are_errors(string text)
    {
        Assert.False(CellParsers.TryDate(text, out _, out var error));
        Assert.Contains("无法识别", error);
    }

    [Theory]
    [InlineData("2021", 2021)]
    [InlineData("2021年", 2021)]
    public void Years_are_four_digits_with_or_without_the_character_for_year(string text, int expected)
    {
        Assert.True(CellParsers.TryYear(text, out var year, out _));
        Assert.Equal(expected, year);
        Assert.False(CellParsers.TryYear("21", out _, out _));
    }

    [Theory]
    [InlineData("证件号码*", "证件号码")]
    [InlineData("证件号码（必填）", "证件号码")]
    [InlineData(" 证件 号码 ", "证件号码")]
    [InlineData("户类型(脱贫户/一般农户)", "户类型")]
    public void Header_cells_are_compared_without_marks_and_notes(string cell, string expected) =>
        Assert.Equal(expected, ColumnMap.Normalize(cell));
}

public sealed class EncodingDetectionTests
{
    private const string Text = "行政区划代码,姓名\n533401100201,扎西卓玛\n";

    [Fact]
    public void UTF8_with_and_without_BOM_and_GBK_are_told_apart()
    {
        Assert.Equal(65001, TabularFile.DetectEncoding(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray(), true).CodePage);
        Assert.Equal(65001, TabularFile.DetectEncoding(Encoding.UTF8.GetBytes(Text), true).CodePage);
        Assert.Equal(936, TabularFile.DetectEncoding(TabularFile.Gbk.GetBytes(Text), true).CodePage);
    }

    [Fact]
    public void A_UTF8_sample_cut_inside_a_character_is_still_UTF8()
    {
        var bytes = Encoding.UTF8.GetBytes(Text);
        var cut = Array.IndexOf(bytes, Encoding.UTF8.GetBytes("卓")[0]) + 2;   // two of the three bytes of 卓
        Assert.Equal(65001, TabularFile.DetectEncoding(bytes.AsSpan(0, cut), isWholeFile: false).CodePage);
    }
}
