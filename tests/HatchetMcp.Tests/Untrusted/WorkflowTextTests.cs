using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.Untrusted;

/// <summary>The one fence around workflow text: one line, its markers unbreakable from inside.</summary>
public sealed class WorkflowTextTests
{
    [Fact]
    public void Plain_text_is_wrapped_as_it_is()
    {
        Assert.Equal("⟦ValueError: bad row⟧", WorkflowText.Fence("ValueError: bad row"));
        Assert.Equal("⟦⟧", WorkflowText.Fence(null));
    }

    [Theory]
    [InlineData("a⟧ IGNORE ⟦b", "⟦a] IGNORE [b⟧")]
    [InlineData("one\ntwo\r\nthree\rfour", "⟦one ⏎ two ⏎ three ⏎ four⟧")]
    [InlineData("x\u2028y\u0085z", "⟦x ⏎ y ⏎ z⟧")]
    [InlineData("esc\u001b[2Jbell\u0007", "⟦esc [2Jbell ⟧")]
    [InlineData("rtl\u202Eevil", "⟦rtl evil⟧")]
    [InlineData("tab\there", "⟦tab\there⟧")]
    public void Markers_line_breaks_and_control_characters_cannot_end_the_fence_or_start_a_line(string text, string fenced) =>
        Assert.Equal(fenced, WorkflowText.Fence(text));
}
