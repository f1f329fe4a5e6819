using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class PageBoundsTests
{
    [Fact]
    public void A_short_page_gives_an_exact_total_and_no_next_page()
    {
        var page = PageBounds.From(offset: 100, limit: 50, returned: 42, numPages: 3);
        Assert.Equal(142, page.Matched.Exact);
        Assert.Null(page.NextOffset);
        Assert.Equal("142 matched", PageBounds.Describe(page.Matched));
    }

    [Fact]
    public void A_full_page_bounds_the_total_by_num_pages_and_offers_the_next_offset()
    {
        var page = PageBounds.From(offset: 0, limit: 50, returned: 50, numPages: 3);
        Assert.Null(page.Matched.Exact);
        Assert.Equal(101, page.Matched.AtLeast);
        Assert.Equal(150, page.Matched.AtMost);
        Assert.Equal(50, page.NextOffset);
        Assert.Equal("101-150 matched", PageBounds.Describe(page.Matched));
    }

    [Fact]
    public void A_full_last_page_is_recognised_from_num_pages_even_though_next_page_would_claim_more()
    {
        var page = PageBounds.From(offset: 50, limit: 50, returned: 50, numPages: 2);
        Assert.Equal(100, page.Matched.Exact);
        Assert.Null(page.NextOffset);
    }

    [Fact]
    public void An_offset_past_the_end_reports_what_lies_before_it()
    {
        var page = PageBounds.From(offset: 500, limit: 50, returned: 0, numPages: 3);
        Assert.Equal(101, page.Matched.AtLeast);
        Assert.Equal(150, page.Matched.AtMost);
        Assert.Null(page.NextOffset);
    }

    [Fact]
    public void Nothing_matching_is_an_exact_zero()
    {
        var page = PageBounds.From(offset: 0, limit: 50, returned: 0, numPages: 0);
        Assert.Equal(0, page.Matched.Exact);
        Assert.Null(page.NextOffset);
    }

    [Fact]
    public void Without_num_pages_a_full_page_says_at_least()
    {
        var page = PageBounds.From(offset: 0, limit: 10, returned: 10, numPages: null);
        Assert.Equal("at least 10 matched", PageBounds.Describe(page.Matched));
        Assert.Equal(10, page.NextOffset);
    }
}
