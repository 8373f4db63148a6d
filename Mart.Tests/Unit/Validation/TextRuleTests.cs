using Mart.ServiceDefaults.Validation;

namespace Mart.Tests.Unit.Validation;

public sealed class TextRuleTests
{
    private static readonly TextRule Line = new(10);

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("  abc\t ", "abc")]
    [InlineData("\u00a0abc\u2003", "abc")]
    [InlineData("😀😀😀😀😀😀😀😀😀😀", "😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("e\u0301", "e\u0301")]
    [InlineData("مرحبا", "مرحبا")]
    public void Valid_text_is_trimmed(string value, string expected)
    {
        var errors = new FieldErrors();

        Assert.Equal(expected, Line.Check(value, "f", errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("😀😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("abcdefghijk")]
    public void Invalid_text_is_reported_under_its_field(string? value)
    {
        var errors = new FieldErrors();

        Assert.Null(Line.Check(value, "customerId", errors));
        Assert.True(errors.Has("customerId"));
    }

    // Built here: a lone surrogate in an attribute would not survive test discovery's serialization.
    [Fact]
    public void Lone_surrogates_are_refused()
    {
        var errors = new FieldErrors();

        Assert.Null(Line.Check(new string('\ud800', 1), "high", errors));
        Assert.Null(Line.Check("a" + new string('\udc00', 1) + "b", "low", errors));
        Assert.Null(Line.Check(new string(['\udc00', '\ud83d']), "reversed", errors));
        Assert.True(errors.Has("high") && errors.Has("low") && errors.Has("reversed"));
        Assert.True(TextRule.IsWellFormed("😀"));
    }

    [Fact]
    public void Lengths_count_code_points_as_postgresql_does()
    {
        Assert.Equal(1, TextRule.Length("😀"));
        Assert.Equal(2, TextRule.Length("e\u0301"));
        Assert.Equal(50, TextRule.Length(string.Concat(Enumerable.Repeat("😀", 50))));
    }

    [Fact]
    public void Multiline_text_takes_line_breaks_and_tabs_but_no_other_control_characters()
    {
        var text = new TextRule(100, Multiline: true);
        var errors = new FieldErrors();

        Assert.Equal("a\r\nb\tc", text.Check(" a\r\nb\tc\n", "d", errors));
        Assert.Null(text.Check("a\u0000b", "d", errors));
        Assert.Null(text.Check("a\u001bb", "e", errors));
        Assert.True(errors.Has("d") && errors.Has("e"));
    }

    [Fact]
    public void An_optional_blank_value_is_empty()
    {
        var errors = new FieldErrors();

        Assert.Equal(string.Empty, new TextRule(5, Required: false).Check("  ", "q", errors));
        Assert.Equal(string.Empty, new TextRule(5, Required: false).Check(null, "q", errors));
        Assert.False(errors.Any);
    }

    [Fact]
    public void Printable_replaces_what_json_or_a_terminal_cannot_show_and_cuts_long_text()
    {
        Assert.Equal("a\ufffdb\ufffd", TextRule.Printable("a\u0000b\ud800"));
        Assert.Equal("😀😀\u2026", TextRule.Printable("😀😀😀", max: 2));
    }

    [Fact]
    public void Field_names_from_the_request_are_made_printable()
    {
        var errors = new FieldErrors();

        errors.Add("\ud800x", "Unknown field.");

        Assert.Equal(["\ufffdx"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("key-1", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("é", false)]
    public void Header_tokens_are_visible_ascii(string value, bool valid)
    {
        Assert.Equal(valid, new HeaderRule("Idempotency-Key", 200).Problem(value) is null);
    }

    [Fact]
    public void The_currency_list_is_iso_4217_and_market_adds_only_the_metals()
    {
        Assert.True(Iso4217.IsActive("EUR"));
        Assert.True(Iso4217.IsActive("XCG"));
        Assert.False(Iso4217.IsActive("XAU"));
        Assert.False(Iso4217.IsActive("eur"));
        Assert.True(Iso4217.TryNormalize(" eur ", out var code) && code == "EUR");
    }
}
