using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HatchetMcp.Hatchet;
using HatchetMcp.Findings;

namespace HatchetMcp.Shaping;

/// <summary>Compact wording of a run's or task's timeline and status.</summary>
public static partial class RunText
{
    /// <summary>
    /// "created 2026-11-24 03:10:02Z (5m ago), started +2s, ran 1m 23s"; while running, how long it has been running;
    /// while queued, how long it has waited. The finish time is not repeated: it is the start plus the run time, and
    /// every character is paid for once per row and per token.
    /// </summary>
    public static string Timeline(DateTimeOffset? created, DateTimeOffset? started, DateTimeOffset? finished, DateTimeOffset now)
    {
        var createdPart = created is { } c ? $"created {TimeText.Format(c)} ({DurationText.Age(c, now)})" : null;
        var rest = (started, finished) switch
        {
            ({ } s, { } f) => $"{StartedPart(created, s)}, ran {DurationText.Format(f - s)}",
            ({ } s, null) => $"{StartedPart(created, s)}, running for {DurationText.Format(now - s)}",
            (null, { } f) => created is { } c1 ? $"finished +{DurationText.Format(f - c1)} without starting" : $"finished {TimeText.Format(f)} without starting",
            (null, null) => created is { } c2 ? $"not started (waiting {DurationText.Format(now - c2)})" : null,
        };
        return createdPart is null ? rest ?? string.Empty : rest is null ? createdPart : $"{createdPart}, {rest}";
    }

    /// <summary>
    /// The timeline of a run's or task's current attempt: "created … (5m ago), started +0.1s, ran 2s" for a first
    /// attempt; for a later one "created … (30m ago); attempt 3 (retry) queued … (2s ago), started +40ms, running for 1s",
    /// with start and waiting counted from that attempt's enqueue, never from creation.
    /// </summary>
    public static string CurrentAttempt(DateTimeOffset? created, string? status, AttemptFacts attempt, DateTimeOffset now)
    {
        var running = status == V1TaskStatuses.Running;
        if (attempt.Number <= 1 && attempt.Cause == EnqueueCause.Creation)
        {
            return running && attempt.StartedAt is null
                ? (created is { } c0 ? $"created {TimeText.Format(c0)} ({DurationText.Age(c0, now)}), " : string.Empty) + "running (start not reported yet)"
                : Timeline(created, attempt.StartedAt, attempt.FinishedAt, now);
        }

        var createdPart = created is { } c ? $"created {TimeText.Format(c)} ({DurationText.Age(c, now)}); " : string.Empty;
        var queued = attempt.EnqueuedAt is { } q
            ? $"{AttemptLabel(attempt)} queued {TimeText.Format(q)} ({DurationText.Age(q, now)})"
            : $"{AttemptLabel(attempt)} re-queued (when is not reported)";
        var rest = (attempt.StartedAt, attempt.FinishedAt) switch
        {
            ({ } s, { } f) => $"{StartedSince(attempt.EnqueuedAt, s)}, ran {DurationText.Format(f - s)}",
            ({ } s, null) => $"{StartedSince(attempt.EnqueuedAt, s)}, running for {DurationText.Format(now - s)}",
            (null, { } f) => $"ended {TimeText.Format(f)} without starting",
            (null, null) when running => "running (start not reported yet)",
            (null, null) => attempt.EnqueuedAt is { } q2 ? $"not started (waiting {DurationText.Format(now - q2)})" : "not started yet",
        };
        return $"{createdPart}{queued}, {rest}";
    }

    /// <summary>"attempt 3 (retry)", "attempt 2 (replay)", "attempt 2".</summary>
    public static string AttemptLabel(AttemptFacts attempt) => attempt.Cause switch
    {
        EnqueueCause.Retry => $"attempt {attempt.Number} (retry)",
        EnqueueCause.Replay => $"attempt {attempt.Number} (replay)",
        _ => $"attempt {attempt.Number}",
    };

    /// <summary>"attempt 1 failed: boom"; "an earlier attempt failed: boom" when its number is not known.</summary>
    public static string EarlierFailure(int attempt, string errorFirstLine) =>
        attempt > 0 ? $"attempt {attempt} failed: {WorkflowText.Fence(errorFirstLine)}" : $"an earlier attempt failed: {WorkflowText.Fence(errorFirstLine)}";

    /// <summary>"retry", "replay", "creation", or null when unknown (for structured content).</summary>
    public static string? CauseName(EnqueueCause cause) => cause switch
    {
        EnqueueCause.Creation => "creation",
        EnqueueCause.Retry => "retry",
        EnqueueCause.Replay => "replay",
        _ => null,
    };

    private static string StartedSince(DateTimeOffset? enqueued, DateTimeOffset started) =>
        enqueued is { } q ? $"started +{DurationText.Format(started - q)}" : $"started {TimeText.Format(started)}";

    private static string StartedPart(DateTimeOffset? created, DateTimeOffset started) =>
        created is { } c ? $"started +{DurationText.Format(started - c)}" : $"started {TimeText.Format(started)}";

    /// <summary>Run time in ms: Hatchet's duration when both ends are known, else measured, else up to now while running.</summary>
    public static long? DurationMs(long? reported, DateTimeOffset? started, DateTimeOffset? finished, DateTimeOffset now)
    {
        if (started is { } s)
        {
            if (finished is { } f)
            {
                return reported is > 0 ? reported : (long)(f - s).TotalMilliseconds;
            }

            return (long)(now - s).TotalMilliseconds;
        }

        return null;
    }

    /// <summary>The run's own error, or for a DAG row the first failed child's.</summary>
    public static string? ErrorOf(V1RunListRow row)
    {
        if (!string.IsNullOrWhiteSpace(row.ErrorMessage))
        {
            return row.ErrorMessage;
        }

        return row.Children?
            .Where(c => !string.IsNullOrWhiteSpace(c.ErrorMessage))
            .OrderBy(c => c.Status == V1TaskStatuses.Failed ? 0 : 1)
            .Select(c => c.ErrorMessage)
            .FirstOrDefault();
    }

    /// <summary>DAG task display names are "&lt;step&gt;-&lt;unixMillis&gt;"; the step name is what an operator recognises.</summary>
    public static string StepName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return "(unnamed)";
        }

        var m = MillisSuffix().Match(displayName);
        return m.Success ? displayName[..m.Index] : displayName;
    }

    /// <summary>
    /// Task inputs may hold the engine's wrapper ({"input":…, "parents":…, "triggered_by":…}); the caller's input is inside.
    /// </summary>
    public static JsonElement? UserInput(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } value)
        {
            return input;
        }

        if (value.TryGetProperty("input", out var inner) && inner.ValueKind == JsonValueKind.Object &&
            (value.TryGetProperty("parents", out _) || value.TryGetProperty("triggered_by", out _) || value.TryGetProperty("triggers", out _)))
        {
            return inner;
        }

        return value;
    }

    /// <summary>
    /// Metadata pairs sorted by key (the wire model already reads values as text), the values of secret-looking keys
    /// redacted: every answer that shows metadata takes it from here.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MetadataText(IReadOnlyDictionary<string, string>? metadata, SecretKeys secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return metadata is null
            ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : new SortedDictionary<string, string>(secrets.Redact(metadata).ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The preview of a run's or task's input or output (<see cref="ValueSummary.Describe"/>) with secret-looking keys
    /// redacted; null when Hatchet sent none. Show it fenced (<see cref="WorkflowText.Fence"/>).
    /// </summary>
    public static string? PayloadSummary(JsonElement? payload, SecretKeys secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return payload is { } value ? ValueSummary.Describe(secrets.Redact(value)) : null;
    }

    /// <summary>"Input: ⟦{…}⟧", or "Input: (not available)".</summary>
    public static string InputLine(string? summary) => "Input: " + (summary is null ? NoInput : WorkflowText.Fence(summary));

    public const string NoInput = "(not available)";

    public const int MaxMetadataPairs = 20;

    /// <summary>"⟦customer=acme, env=prod⟧" with values clipped and at most <see cref="MaxMetadataPairs"/> pairs.</summary>
    public static string MetadataLine(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return "(none)";
        }

        var shown = WorkflowText.Fence(string.Join(", ", metadata.Take(MaxMetadataPairs).Select(kv => $"{ValueSummary.Clip(kv.Key, 40)}={ValueSummary.Clip(kv.Value, 60)}")));
        return metadata.Count > MaxMetadataPairs ? $"{shown}, … {metadata.Count - MaxMetadataPairs} more" : shown;
    }

    /// <summary>"30 FAILED, 20 COMPLETED" in the canonical status order.</summary>
    public static string StatusCounts(IEnumerable<string?> statuses)
    {
        var counts = statuses.GroupBy(s => s ?? "UNKNOWN").ToDictionary(g => g.Key, g => g.Count());
        var order = new[] { V1TaskStatuses.Failed, V1TaskStatuses.Running, V1TaskStatuses.Queued, V1TaskStatuses.Cancelled, V1TaskStatuses.Completed };
        var parts = order.Where(counts.ContainsKey).Select(s => string.Create(CultureInfo.InvariantCulture, $"{counts[s]} {s}"))
            .Concat(counts.Keys.Except(order).Order(StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{counts[s]} {s}")));
        return string.Join(", ", parts);
    }

    [GeneratedRegex(@"-\d{10,}$")]
    private static partial Regex MillisSuffix();
}
