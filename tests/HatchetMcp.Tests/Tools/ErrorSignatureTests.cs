using HatchetMcp.Findings;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>An error's signature: its first line with what differs between occurrences of the same failure masked.</summary>
public sealed class ErrorSignatureTests
{
    [Theory]
    [InlineData("lookup of run 6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f failed", "lookup of run <id> failed")]
    [InlineData("lookup of run 6F1C2A9E-0D1B-4C3A-9E8F-7A6B5C4D3E2F failed", "lookup of run <id> failed")]
    [InlineData("order 18273 rejected after 3 attempts", "order <n> rejected after <n> attempts")]
    [InlineData("took 2.75 seconds, limit 1.5", "took <n> seconds, limit <n>")]
    [InlineData("balance is -42", "balance is -<n>")]
    [InlineData("segfault at 0x7ffd5e8c", "segfault at <hex>")]
    [InlineData("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 not found", "commit <hex> not found")]
    [InlineData("deadline exceeded at 2026-11-24T03:00:01Z", "deadline exceeded at <time>")]
    [InlineData("deadline exceeded at 2026-11-24 03:00:01.123+01:00", "deadline exceeded at <time>")]
    [InlineData("no invoice for 2026-11-24", "no invoice for <date>")]
    [InlineData("window closed at 23:59:07", "window closed at <time>")]
    [InlineData("user 'jane.doe@example.com' not found", "user '<value>' not found")]
    [InlineData("unknown sku \"AB-1234\"", "unknown sku \"<value>\"")]
    [InlineData("cannot parse 'ten apples'", "cannot parse '<value>'")]
    [InlineData("KeyError: 'billing_country'", "KeyError: 'billing_country'")]
    [InlineData("can't reach 'inventory-service'", "can't reach 'inventory-service'")]
    [InlineData("S3 upload failed over http2 after 3 tries", "S3 upload failed over http2 after <n> tries")]
    [InlineData("Error: upstream responded 502 Bad Gateway", "Error: upstream responded <n> Bad Gateway")]
    public void Masks_each_kind_of_varying_value(string message, string signature) =>
        Assert.Equal(signature, ErrorSignature.Of(message));

    [Fact]
    public void Only_the_first_line_counts_and_a_traceback_is_named_by_its_exception()
    {
        Assert.Equal("ValueError: bad amount <n>", ErrorSignature.Of("ValueError: bad amount 12\n  at charge (pay.py:88)\n  at run (worker.py:7)"));
        Assert.Equal("KeyError: 'billing_country'",
            ErrorSignature.Of("Traceback (most recent call last):\n  File \"/app/tasks.py\", line 88, in charge\nKeyError: 'billing_country'"));
    }

    [Fact]
    public void The_same_failure_on_different_runs_has_one_signature_and_different_failures_do_not()
    {
        var a = ErrorSignature.Of("charge 81 for 'cus_9a' failed at 2026-11-24T03:00:01Z (request 6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f)");
        var b = ErrorSignature.Of("charge 7 for 'cus_77x' failed at 2026-11-23T22:10:45.120Z (request 0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b)");
        Assert.Equal(a, b);
        Assert.NotEqual(ErrorSignature.Of("KeyError: 'billing_country'"), ErrorSignature.Of("KeyError: 'shipping_country'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void No_error_text_has_no_signature(string? message) => Assert.Null(ErrorSignature.Of(message));
}
