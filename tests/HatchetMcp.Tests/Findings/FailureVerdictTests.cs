using HatchetMcp.Findings;
using Xunit;

namespace HatchetMcp.Tests.Findings;

/// <summary>The verdict rules, one by one: each names its cause and the evidence it used, first match wins.</summary>
public sealed class FailureVerdictTests
{
    private static readonly Guid Workflow = Guid.Parse("0c1d2e3f-0000-4000-8000-000000000001");
    private static readonly NamedVersion Good = new(Guid.Parse("0c1d2e3f-0000-4000-8000-0000000000a1"), "v4", null);
    private static readonly NamedVersion Bad = new(Guid.Parse("0c1d2e3f-0000-4000-8000-0000000000b2"), "v5", null);
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static VerdictInputs Failed(string? error, WorkflowFare? history = null, NamedVersion? version = null, bool timedOut = false) =>
        new("FAILED", error, 3, timedOut, null, false, history, version);

    private static WorkflowFare Fare(int runs, int failures, NamedVersion? successVersion) => new()
    {
        WorkflowId = Workflow,
        Before = T0,
        LookedBackTo = T0.AddDays(-7),
        LastSuccess = successVersion is null ? null : new RunMark(Guid.NewGuid(), T0.AddHours(-5), successVersion.Id, null),
        LastSuccessVersion = successVersion,
        Since = T0.AddHours(-5),
        RunsSince = runs,
        FailuresSince = failures,
        ActiveSince = 0,
    };

    [Fact]
    public void A_failure_on_every_run_since_a_success_on_another_version_is_a_code_regression_citing_both_versions()
    {
        var verdict = FailureVerdict.Judge(Failed("KeyError: 'billing_country'", Fare(12, 12, Good), Bad))!;

        Assert.Equal(FailureCause.CodeRegression, verdict.Cause);
        Assert.Contains(verdict.Evidence, e => e.Contains("12 failures of 12 runs", StringComparison.Ordinal));
        Assert.Contains(verdict.Evidence, e => e.Contains(Good.Id.ToString(), StringComparison.Ordinal) && e.Contains(Bad.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_failures_on_the_version_that_last_succeeded_are_not_a_code_regression()
    {
        var verdict = FailureVerdict.Judge(Failed("KeyError: 'billing_country'", Fare(12, 12, Good), Good))!;

        Assert.Equal(FailureCause.BadInput, verdict.Cause);
    }

    [Fact]
    public void Some_runs_succeeding_since_rules_out_a_regression_and_is_named_as_evidence_for_bad_input()
    {
        var verdict = FailureVerdict.Judge(Failed("ValidationError: shipping.postcode: field required", Fare(12, 3, Good), Bad))!;

        Assert.Equal(FailureCause.BadInput, verdict.Cause);
        Assert.Contains(verdict.Evidence, e => e.Contains("not every run since the last success failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Error: upstream responded 502 Bad Gateway (POST https://hooks.partner-api.example/v2/events)")]
    [InlineData("ConnectionError: inventory-service returned 503 Service Unavailable")]
    [InlineData("RateLimitError: 429 Too Many Requests from embeddings API")]
    public void An_error_naming_a_remote_status_or_connection_is_a_dependency_failure(string error)
    {
        var verdict = FailureVerdict.Judge(Failed(error))!;

        Assert.Equal(FailureCause.Dependency, verdict.Cause);
        Assert.Contains(verdict.Evidence, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_timed_out_attempt_is_infrastructure_or_timeout_even_on_a_regressed_version()
    {
        var verdict = FailureVerdict.Judge(Failed("task timed out after 60s", Fare(5, 5, Good), Bad, timedOut: true))!;

        Assert.Equal(FailureCause.InfrastructureOrTimeout, verdict.Cause);
        Assert.Contains(verdict.Evidence, e => e.Contains("TIMED_OUT", StringComparison.Ordinal));
    }

    [Fact]
    public void Running_out_of_memory_is_infrastructure()
    {
        var verdict = FailureVerdict.Judge(Failed("RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"))!;

        Assert.Equal(FailureCause.InfrastructureOrTimeout, verdict.Cause);
    }

    [Fact]
    public void A_cancelled_child_run_is_cancelled_by_its_parent_and_a_top_level_one_by_a_person()
    {
        var child = FailureVerdict.Judge(new VerdictInputs("CANCELLED", null, 1, false, "Task was cancelled.", true, null, null))!;
        var parentFailed = FailureVerdict.Judge(new VerdictInputs("CANCELLED", null, 1, false, "Task was cancelled because a parent task failed.", false, null, null))!;
        var person = FailureVerdict.Judge(new VerdictInputs("CANCELLED", null, 1, false, "Task was cancelled.", false, null, null))!;

        Assert.Equal(FailureCause.CancelledByParent, child.Cause);
        Assert.Equal(FailureCause.CancelledByParent, parentFailed.Cause);
        Assert.Equal(FailureCause.CancelledByPerson, person.Cause);
        Assert.Contains(person.Evidence, e => e.Contains("Task was cancelled.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_no_rule_recognises_is_undetermined_and_a_run_still_going_has_no_verdict()
    {
        Assert.Equal(FailureCause.Undetermined, FailureVerdict.Judge(Failed("something odd happened"))!.Cause);
        Assert.Null(FailureVerdict.Judge(new VerdictInputs("RUNNING", null, 1, false, null, false, null, null)));
    }
}
