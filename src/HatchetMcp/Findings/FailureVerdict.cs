using System.Text.RegularExpressions;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// The verdict rules, first match wins: a cancel is by a parent (the run has a parent task, or Hatchet says a parent
/// caused it) or else by a person; a timeout is infrastructure; a failure on every run since the last success, on a
/// version other than that success's, is a code regression; an error naming a remote status, connection or
/// unavailability is a dependency; one naming memory, a lost worker or a killed process is infrastructure; one naming
/// validation, a missing key or an invalid value is bad input. Anything else is undetermined.
/// </summary>
public static partial class FailureVerdict
{
    public static Verdict? Judge(VerdictInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var error = inputs.Error;
        var errorEvidence = error is null ? null : $"error of attempt {inputs.Attempt}: {WorkflowText.Fence(error)}";
        if (inputs.Status == "CANCELLED")
        {
            var byParent = inputs.HasParentTask || (inputs.CancelMessage?.Contains("parent", StringComparison.OrdinalIgnoreCase) ?? false);
            var evidence = new List<string>();
            if (inputs.HasParentTask)
            {
                evidence.Add("the run was spawned by a parent task");
            }

            if (inputs.CancelMessage is { } m)
            {
                evidence.Add($"Hatchet's cancel event: {WorkflowText.Fence(m)}");
            }

            if (evidence.Count == 0)
            {
                evidence.Add("no parent task and no cancel reason from Hatchet");
            }

            return new Verdict(byParent ? FailureCause.CancelledByParent : FailureCause.CancelledByPerson, evidence);
        }

        if (inputs.Status != "FAILED")
        {
            return null;
        }

        if (inputs.TimedOut || (error is not null && TimeoutPattern().IsMatch(error)))
        {
            return new Verdict(FailureCause.InfrastructureOrTimeout,
                [inputs.TimedOut ? $"attempt {inputs.Attempt} ended with a TIMED_OUT event" : errorEvidence!]);
        }

        if (inputs.History is { Regressed: true, LastSuccess: { } success } h && inputs.ThisVersion is { } mine &&
            success.VersionId is { } good && good != mine.Id)
        {
            List<string> evidence =
            [
                $"every finished run since the last success (created {TimeText.Format(success.CreatedAt)}, run {success.RunId}) failed: " +
                $"{CountText.Of(h.FailuresSince, "failure")} of {CountText.Of(h.RunsSince, "run")}",
                $"this run's version {VersionText.Of(mine)} is not the last success's {VersionText.Of(h.LastSuccessVersion ?? new NamedVersion(good, null, null))}",
            ];
            if (errorEvidence is not null)
            {
                evidence.Add(errorEvidence);
            }

            return new Verdict(FailureCause.CodeRegression, evidence);
        }

        if (error is null)
        {
            return new Verdict(FailureCause.Undetermined, ["the failed attempt carries no error text"]);
        }

        if (DependencyPattern().IsMatch(error))
        {
            return new Verdict(FailureCause.Dependency, [errorEvidence!, "it names a remote status, a connection or an unavailable service"]);
        }

        if (InfrastructurePattern().IsMatch(error))
        {
            return new Verdict(FailureCause.InfrastructureOrTimeout, [errorEvidence!, "it names memory, a lost worker or a killed process"]);
        }

        if (BadInputPattern().IsMatch(error))
        {
            var evidence = new List<string> { errorEvidence!, "it names validation, a missing key or field, or an invalid value" };
            if (inputs.History is { LastSuccess: not null, EveryFinishedRunFailed: false })
            {
                evidence.Add("not every run since the last success failed: it is not failing on every input");
            }

            return new Verdict(FailureCause.BadInput, evidence);
        }

        return new Verdict(FailureCause.Undetermined, [errorEvidence!, "no rule matched"]);
    }

    [GeneratedRegex(@"timed out|timeout|deadline exceeded", RegexOptions.IgnoreCase)]
    private static partial Regex TimeoutPattern();

    [GeneratedRegex(@"\b(5\d\d|429)\b|bad gateway|service unavailable|too many requests|connection(error| refused| reset|\b)|econn|unavailable|temporar|dns|rate ?limit", RegexOptions.IgnoreCase)]
    private static partial Regex DependencyPattern();

    [GeneratedRegex(@"out of memory|\boom\b|killed|worker (lost|died|disconnected)|heartbeat|sigkill|evicted", RegexOptions.IgnoreCase)]
    private static partial Regex InfrastructurePattern();

    [GeneratedRegex(@"validation|keyerror|valueerror|invalid|missing|required|unknown format|not supported|decode|parse", RegexOptions.IgnoreCase)]
    private static partial Regex BadInputPattern();
}
