using System.Text.Json;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Findings;

/// <summary>Only differences are listed, each with both runs' values; what is the same is named.</summary>
public sealed class RunDifferencesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Input_keys_added_removed_and_changed_are_listed_by_path_with_summarised_values_and_equal_ones_are_not()
    {
        var a = Run("""{"order":{"id":"A-1","total":12.5,"items":[1,2]},"coupon":"X"}""", durationMs: 200);
        var b = Run("""{"order":{"id":"A-1","total":99,"items":[3,4]},"gift":true}""", durationMs: 210);

        var (diffs, same) = RunDifferences.Compare(a, b);

        var byAspect = diffs.ToDictionary(d => d.Aspect);
        Assert.Equal(("12.5", "99"), (byAspect["input.order.total"].ThisRun, byAspect["input.order.total"].OtherRun));
        Assert.Equal(("\"X\"", "(absent)"), (byAspect["input.coupon"].ThisRun, byAspect["input.coupon"].OtherRun));
        Assert.Equal(("(absent)", "true"), (byAspect["input.gift"].ThisRun, byAspect["input.gift"].OtherRun));
        Assert.Equal("[2 items] (content differs)", byAspect["input.order.items"].ThisRun);
        Assert.DoesNotContain("input.order.id", byAspect.Keys);
        Assert.DoesNotContain(diffs, d => d.Aspect.StartsWith("duration", StringComparison.Ordinal));
        Assert.Contains("task durations (within half)", same);
        Assert.Contains("metadata", same);
        Assert.DoesNotContain("input", same);
    }

    [Fact]
    public void A_task_twice_as_slow_and_over_100ms_apart_is_a_difference_naming_the_attempts()
    {
        var (diffs, _) = RunDifferences.Compare(Run("{}", 1200), Run("{}", 400));

        var d = Assert.Single(diffs);
        Assert.Equal("duration of charge (attempt 1 vs 1)", d.Aspect);
        Assert.Equal(("1.2s", "400ms"), (d.ThisRun, d.OtherRun));
    }

    private static RunSnapshot Run(string input, int durationMs)
    {
        var id = Guid.NewGuid();
        var summary = new V1TaskSummary
        {
            TaskExternalId = id, Status = V1TaskStatuses.Completed, RetryCount = 0, CreatedAt = T0,
            StartedAt = T0, FinishedAt = T0.AddMilliseconds(durationMs),
        };
        var task = new TaskSnapshot(id, "charge", V1TaskStatuses.Completed, AttemptTimeline.For(summary, []), null, null, false, durationMs);
        using var doc = JsonDocument.Parse(input);
        return new RunSnapshot(id, null, V1TaskStatuses.Completed, "wf", Guid.Empty, null, null, T0, T0, T0.AddMilliseconds(durationMs), null,
            doc.RootElement.Clone(), new Dictionary<string, string> { ["env"] = "prod" }, [task], new Dictionary<Guid, string>(), []);
    }
}
