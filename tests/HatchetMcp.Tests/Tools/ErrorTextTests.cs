using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class ErrorTextTests
{
    [Fact]
    public void First_line_skips_blank_lines_and_trims()
    {
        const string error = "\n\n  TimeoutError: payment gateway did not answer in 30s  \n  at charge (pay.ts:42)\n  at run (worker.ts:7)";
        Assert.Equal("TimeoutError: payment gateway did not answer in 30s", ErrorText.FirstLine(error));
        Assert.Equal(2, ErrorText.MoreLines(error));
    }

    [Fact]
    public void A_python_traceback_is_named_by_its_exception_line()
    {
        const string error = "Traceback (most recent call last):\n  File \"/app/tasks.py\", line 88, in charge\n    tax = rates[country]\nKeyError: 'billing_country'\n";
        Assert.Equal("KeyError: 'billing_country'", ErrorText.FirstLine(error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void No_error_text_gives_no_first_line(string? error)
    {
        Assert.Null(ErrorText.FirstLine(error));
        Assert.Null(ErrorText.Signature(error));
        Assert.Equal(0, ErrorText.MoreLines(error));
    }

    [Fact]
    public void Very_long_first_lines_are_capped_with_an_ellipsis()
    {
        var line = ErrorText.FirstLine(new string('x', 1000));
        Assert.NotNull(line);
        Assert.Equal(ErrorText.MaxFirstLineChars, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_of_the_same_failure_on_different_runs_are_equal()
    {
        var a = ErrorText.Signature("HTTP 503 from inventory for order 18273 (request 6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f) at 2026-11-24T03:00:01Z");
        var b = ErrorText.Signature("HTTP 503 from inventory for order 99 (request 0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b) at 2026-11-23T22:10:45.120Z");
        Assert.Equal(a, b);
        Assert.Contains("<id>", a, StringComparison.Ordinal);
        Assert.Contains("<time>", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_keep_the_words_that_name_the_failure()
    {
        var a = ErrorText.Signature("KeyError: 'customer_id' missing in payload");
        var b = ErrorText.Signature("TimeoutError: payment gateway did not answer in 30s");
        Assert.NotEqual(a, b);
        Assert.Equal("KeyError: 'billing_country' missing in payload", ErrorText.Signature("KeyError: 'billing_country' missing in payload"));
        Assert.StartsWith("KeyError:", a, StringComparison.Ordinal);
        Assert.Equal("TimeoutError: payment gateway did not answer in <n>s", b);
    }

    [Fact]
    public void Digits_inside_names_are_not_masked() =>
        Assert.Equal("S3 upload failed over http2 after <n> tries", ErrorText.Signature("S3 upload failed over http2 after 3 tries"));
}
