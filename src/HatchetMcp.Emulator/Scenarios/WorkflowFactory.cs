using System.Globalization;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>Builds workflow definitions (versions and steps) for seeded tenants.</summary>
internal static class WorkflowFactory
{
    /// <summary>
    /// Adds a workflow with <paramref name="versionCount"/> versions, one day apart from <paramref name="createdAt"/>;
    /// <paramref name="defineSteps"/> adds the steps of each version (steps are per version, scripts may be shared).
    /// </summary>
    public static WorkflowDefinition Add(TenantData tenant, string name, string description, V1WorkflowType kind,
        DateTimeOffset createdAt, int versionCount, Action<WorkflowVersionDefinition> defineSteps,
        IReadOnlyList<string>? eventTriggers = null, IReadOnlyList<string>? cronTriggers = null,
        int defaultPriority = 1, ConcurrencyDefinition? concurrency = null)
    {
        var workflow = new WorkflowDefinition
        {
            Id = tenant.Ids.Next(),
            Tenant = tenant,
            Name = name,
            Description = description,
            Kind = kind,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        for (var i = 0; i < versionCount; i++)
        {
            var version = NewVersion(workflow, createdAt + TimeSpan.FromDays(i), eventTriggers, cronTriggers, defaultPriority, concurrency);
            defineSteps(version);
            workflow.Versions.Add(version);
            workflow.UpdatedAt = version.CreatedAt;
        }
        tenant.AddWorkflow(workflow);
        return workflow;
    }

    /// <summary>A new version after the workflow's latest, with the same triggers (a deploy).</summary>
    public static WorkflowVersionDefinition Deploy(WorkflowDefinition workflow, DateTimeOffset at, Action<WorkflowVersionDefinition> defineSteps)
    {
        var latest = workflow.Latest;
        var version = NewVersion(workflow, at, latest.EventTriggers, latest.CronTriggers, latest.DefaultPriority, latest.Concurrency);
        defineSteps(version);
        workflow.Tenant.AddWorkflowVersion(version);
        return version;
    }

    private static WorkflowVersionDefinition NewVersion(WorkflowDefinition workflow, DateTimeOffset at,
        IReadOnlyList<string>? events, IReadOnlyList<string>? crons, int priority, ConcurrencyDefinition? concurrency) => new()
    {
        Id = workflow.Tenant.Ids.Next(),
        Workflow = workflow,
        Version = $"v{workflow.Versions.Count + 1}",
        Order = workflow.Versions.Count + 1,
        CreatedAt = at,
        DefaultPriority = priority,
        EventTriggers = events ?? [],
        CronTriggers = crons ?? [],
        Concurrency = concurrency,
    };

    /// <summary>Adds a step; its action id is lower("workflow:task").</summary>
    public static StepDefinition Step(WorkflowVersionDefinition version, string readableId, TaskScript script,
        int retries = 0, string timeout = "60s", bool durable = false, params StepDefinition[] parents) =>
        Step(version, readableId, script, [], retries, timeout, durable, parents);

    /// <summary>Adds a step that consumes the given rate limits on every attempt.</summary>
    public static StepDefinition Step(WorkflowVersionDefinition version, string readableId, TaskScript script,
        IReadOnlyList<StepRateLimit> rateLimits, int retries = 0, string timeout = "60s", bool durable = false, params StepDefinition[] parents) =>
        version.AddStep(new StepDefinition
        {
            Id = version.Workflow.Tenant.Ids.Next(),
            ReadableId = readableId,
            ActionId = $"{version.Workflow.Name}:{readableId}".ToLowerInvariant(),
            Retries = retries,
            Timeout = ParseDuration(timeout),
            TimeoutText = timeout,
            IsDurable = durable,
            Script = script,
            RateLimits = rateLimits,
        }, parents);

    /// <summary>Parses Hatchet's short durations: "30s", "10m", "2h".</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var value = double.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => throw new FormatException($"bad duration: {text}"),
        };
    }
}
