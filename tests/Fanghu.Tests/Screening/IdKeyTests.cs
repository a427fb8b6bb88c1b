using Fanghu.Registry;
using Fanghu.Screening;

namespace Fanghu.Tests.Screening;

public class IdKeyTests
{
    // IdKey.Parse checks a plain 18-character number on the span, without the registry's parser: it must accept and
    // refuse exactly what the parser does.
    [Theory]
    [InlineData("533401198001010018")] // valid
    [InlineData("11010519491231002X")] // valid, X
    [InlineData("53340119850615018x")] // valid, lower-case x
    [InlineData("533401198001010019")] // wrong check character
    [InlineData("533401198002300018")] // no 30 February
    [InlineData("533401187901010018")] // born before 1880
    [InlineData("533401198001010000")] // Excel's 000 ending
    [InlineData(" 533401198001010018 ")] // spaces round it
    [InlineData("'533401198001010018")] // an apostrophe
    public void Parse_agrees_with_the_registry_parser(string cell)
    {
        var parsed = IdNumber.Parse(cell);
        var key = IdKey.Parse(cell, out var error);

        Assert.Equal(parsed.Ok, key is not null);
        if (parsed.Value is { } id) Assert.Equal(IdKey.Of(id.Value), key);
        else Assert.Equal(parsed.Error, error);
    }

    // A key gives back the number the registry stores and the birth date the registry took from it.
    [Theory]
    [InlineData("533401198001010018")]
    [InlineData("11010519491231002X")]
    [InlineData("53340119850615018x")]
    [InlineData("000001200002290017")]
    public void A_key_gives_back_the_stored_number_and_its_birth_date(string cell)
    {
        if (IdNumber.Parse(cell).Value is not { } id) throw new ArgumentException("not a valid number", nameof(cell));
        var key = IdKey.Parse(cell, out _)!.Value;

        Assert.Equal(id.Value, IdKey.Text(key));
        Assert.Equal(id.BirthDate, IdKey.BirthDate(key));
    }
}
