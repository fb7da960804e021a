using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Tests.Components;

/// <summary>The cells of every CSV export.</summary>
public class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    public void AFieldIsQuotedOnlyWhenItHoldsACommaAQuoteOrALineBreak(string value, string written) =>
        Assert.Equal(written, Csv.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"open\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("=1+1,2", "\"'=1+1,2\"")]
    [InlineData("a=1", "a=1")]
    public void ACellThatASpreadsheetWouldReadAsAFormulaIsWrittenAsText(string value, string written) =>
        Assert.Equal(written, Csv.Field(value));

    [Fact]
    public void ALineJoinsItsFieldsAndEndsWithCrLf() =>
        Assert.Equal("1,,'-1,\"a,b\"\r\n", Csv.Line("1", null, "-1", "a,b"));
}
