using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class RepeatCollapseTests
{
    [Fact]
    public void Consecutive_equal_items_become_one_run_with_a_count_and_its_last_occurrence()
    {
        var items = new[] { (1, "retrying"), (2, "retrying"), (3, "retrying"), (4, "gave up"), (5, "retrying") };
        var runs = RepeatCollapse.Collapse(items, x => x.Item2);

        Assert.Equal(3, runs.Count);
        Assert.Equal(3, runs[0].Count);
        Assert.Equal(1, runs[0].First.Item1);
        Assert.Equal(3, runs[0].Last.Item1);
        Assert.Equal(1, runs[1].Count);
        Assert.Equal(1, runs[2].Count);
        Assert.Equal(5, runs[2].First.Item1);
    }

    [Fact]
    public void Nothing_in_gives_nothing_out() =>
        Assert.Empty(RepeatCollapse.Collapse(Array.Empty<string>(), x => x));
}
