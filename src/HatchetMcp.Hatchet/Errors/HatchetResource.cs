namespace HatchetMcp.Hatchet;

/// <summary>What a request was about, so a 404 can say "no run with id …; list_runs gives run ids".</summary>
internal sealed record HatchetResource(string Kind, Guid? Id, string Hint)
{
    public static HatchetResource Tenant(Guid id) =>
        new("tenant", id, $"check {HatchetEnvironmentVariables.TenantId} or the tenant of {HatchetEnvironmentVariables.Token}");

    public static HatchetResource Run(Guid id) => new("run", id, "list_runs gives run ids");

    public static HatchetResource RunOrTask(Guid id) => new("run or task", id, "list_runs gives run ids, get_run a run's task ids");

    public static HatchetResource Task(Guid id) => new("task", id, "get_run lists the task ids of a run");

    public static HatchetResource Workflow(Guid id) => new("workflow", id, "list_workflows gives workflow ids");

    public static HatchetResource Worker(Guid id) => new("worker", id, "list_workers gives worker ids");

    public static HatchetResource Server { get; } = new("endpoint", null, $"check that {HatchetEnvironmentVariables.ApiBase} points at the Hatchet API");

    public string NotFoundMessage =>
        Id is { } id ? $"no {Kind} with id {id}; {Hint}." : $"Hatchet has no such {Kind}; {Hint}.";
}
