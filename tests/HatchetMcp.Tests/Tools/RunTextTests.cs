using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class RunTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_finished_run_reads_as_created_started_and_ran()
    {
        var created = Now.AddMinutes(-10);
        var text = RunText.Timeline(created, created.AddSeconds(2), created.AddSeconds(85), Now);
        Assert.Equal("created 2026-11-24 11:50:00Z (10m ago), started +2.0s, ran 1m 23s", text);
    }

    [Fact]
    public void A_running_run_says_how_long_it_has_been_running_and_a_queued_one_how_long_it_waits()
    {
        Assert.EndsWith("running for 3m", RunText.Timeline(Now.AddMinutes(-5), Now.AddMinutes(-3), null, Now), StringComparison.Ordinal);
        Assert.EndsWith("not started (waiting 5m)", RunText.Timeline(Now.AddMinutes(-5), null, null, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_times_leave_out_what_is_unknown_and_say_when_a_run_finished_without_starting()
    {
        Assert.Equal("started 2026-11-24 11:58:00Z, ran 1m", RunText.Timeline(null, Now.AddMinutes(-2), Now.AddMinutes(-1), Now));
        Assert.Equal("created 2026-11-24 11:55:00Z (5m ago), finished +1m without starting",
            RunText.Timeline(Now.AddMinutes(-5), null, Now.AddMinutes(-4), Now));
        Assert.Equal(string.Empty, RunText.Timeline(null, null, null, Now));
    }

    [Fact]
    public void Durations_prefer_hatchets_figure_and_measure_running_time_up_to_now()
    {
        Assert.Equal(1234, RunText.DurationMs(1234, Now.AddSeconds(-5), Now, Now));
        Assert.Equal(5000, RunText.DurationMs(null, Now.AddSeconds(-5), Now, Now));
        Assert.Equal(60_000, RunText.DurationMs(null, Now.AddMinutes(-1), null, Now));
        Assert.Null(RunText.DurationMs(null, null, null, Now));
    }

    [Fact]
    public void A_dag_row_without_its_own_error_takes_the_failed_childs()
    {
        var row = new V1RunListRow
        {
            ErrorMessage = "",
            Children =
            [
                new V1RunListChild { Status = V1TaskStatuses.Completed, ErrorMessage = "" },
                new V1RunListChild { Status = V1TaskStatuses.Failed, ErrorMessage = "KeyError: 'billing_country'" },
            ],
        };
        Assert.Equal("KeyError: 'billing_country'", RunText.ErrorOf(row));
    }

    [Theory]
    [InlineData("create-shipment-1732412345678", "create-shipment")]
    [InlineData("send-email", "send-email")]
    [InlineData(null, "(unnamed)")]
    public void Step_names_drop_hatchets_millisecond_suffix(string? displayName, string expected) =>
        Assert.Equal(expected, RunText.StepName(displayName));

    [Fact]
    public void The_engines_input_wrapper_is_unwrapped_to_the_callers_input()
    {
        using var doc = JsonDocument.Parse("""{"input":{"orderId":"A-1"},"parents":{},"triggered_by":"manual"}""");
        var input = RunText.UserInput(doc.RootElement);
        Assert.Equal("A-1", input!.Value.GetProperty("orderId").GetString());
    }

    [Fact]
    public void Input_previews_show_keys_and_clipped_values_not_the_payload()
    {
        using var doc = JsonDocument.Parse($$"""{"orderId":"A-1009","amount":129.5,"items":[1,2,3],"customer":{"a":1,"b":2},"note":"{{new string('x', 500)}}"}""");
        var preview = ValueSummary.Describe(doc.RootElement);
        Assert.Contains("orderId: \"A-1009\"", preview, StringComparison.Ordinal);
        Assert.Contains("items: [3 items]", preview, StringComparison.Ordinal);
        Assert.Contains("customer: {2 keys}", preview, StringComparison.Ordinal);
        Assert.True(preview.Length < 250);
    }

    [Fact]
    public void Status_counts_list_failures_first()
    {
        Assert.Equal("2 FAILED, 1 RUNNING, 3 COMPLETED",
            RunText.StatusCounts(["COMPLETED", "FAILED", "RUNNING", "COMPLETED", "FAILED", "COMPLETED"]));
    }
}
