using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class TextBudgetTests
{
    private static List<string> Lines(int count) =>
        Enumerable.Range(1, count).Select(i => $"line {i:D4} " + new string('.', 40)).ToList();

    [Fact]
    public void Text_that_fits_is_returned_whole_without_a_notice()
    {
        var result = TextBudget.Fit(["header"], Lines(3), 10_000, KeepEnd.First, "runs", "narrow it");
        Assert.Equal(0, result.LinesCut);
        Assert.Equal(3, result.LinesShown);
        Assert.DoesNotContain("not shown", result.Text, StringComparison.Ordinal);
        Assert.Equal(4, result.Text.Split('\n').Length);
    }

    [Fact]
    public void Lists_keep_their_first_lines_and_say_how_many_were_cut_and_how_to_narrow()
    {
        var body = Lines(500);
        var result = TextBudget.Fit(["header"], body, 4_000, KeepEnd.First, "runs", "Narrow with statuses or a shorter since.");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.Text) <= 4_000);
        Assert.True(result.LinesCut > 0);
        Assert.Equal(500, result.LinesShown + result.LinesCut);
        var lines = result.Text.Split('\n');
        Assert.Equal("header", lines[0]);
        Assert.Equal(body[0], lines[1]);
        Assert.Contains($"… {result.LinesCut} more runs not shown", lines[^1], StringComparison.Ordinal);
        Assert.Contains("Narrow with statuses", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_keep_their_newest_lines_and_cut_whole_lines_only()
    {
        var body = Lines(500);
        var result = TextBudget.Fit(["header"], body, 4_000, KeepEnd.Last, "lines", "Use search.");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.Text) <= 4_000);
        var lines = result.Text.Split('\n');
        Assert.Equal(body[^1], lines[^1]);
        Assert.Contains("older lines cut", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.Contains(l, body));
    }

    [Fact]
    public void Multibyte_text_is_measured_in_utf8_bytes()
    {
        var body = Enumerable.Range(0, 200).Select(_ => new string('é', 50)).ToList();
        var result = TextBudget.Fit([], body, 2_000, KeepEnd.First, "rows", "x");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.Text) <= 2_000);
        Assert.True(result.LinesCut > 0);
    }
}
