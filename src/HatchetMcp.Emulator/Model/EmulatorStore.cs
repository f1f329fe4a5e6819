using System.Diagnostics.CodeAnalysis;

namespace HatchetMcp.Emulator.Model;

/// <summary>
/// All tenants of one emulator, plus the global id lookups the populator needs (resource id -> owning tenant) and the
/// API-token table. One lock, <see cref="Sync"/>, guards everything: the HTTP layer takes it for each request and
/// the engine runs under it.
/// </summary>
public sealed class EmulatorStore
{
    private readonly Dictionary<Guid, TenantData> _tenants = [];
    private readonly List<TenantData> _tenantList = [];
    private readonly Dictionary<Guid, RunRecord> _runs = [];
    private readonly Dictionary<Guid, TaskRecord> _tasks = [];
    private readonly Dictionary<Guid, WorkflowDefinition> _workflows = [];
    private readonly Dictionary<Guid, WorkflowVersionDefinition> _workflowVersions = [];
    private readonly Dictionary<Guid, StepDefinition> _steps = [];
    private readonly Dictionary<Guid, WorkerRecord> _workers = [];
    private readonly Dictionary<Guid, EventRecord> _events = [];
    private readonly Dictionary<Guid, CronRecord> _crons = [];
    private readonly Dictionary<Guid, ScheduledRecord> _scheduled = [];

    public EmulatorStore(int seed) => Seed = seed;

    /// <summary>The lock every reader and writer holds.</summary>
    public object Sync { get; } = new();
    public int Seed { get; }

    /// <summary>Tenants in creation order (the first is the default tenant of a seeded scenario).</summary>
    public IReadOnlyList<TenantData> Tenants => _tenantList;
    /// <summary>token_id -> token row (mutable by the token issuer; guarded by <see cref="Sync"/>).</summary>
    public Dictionary<Guid, TokenRecord> Tokens { get; } = [];

    public TenantData AddTenant(Guid id, string name, string slug, DateTimeOffset createdAt, ulong seed)
    {
        var t = new TenantData(this, id, name, slug, createdAt, seed);
        _tenants.Add(id, t);
        _tenantList.Add(t);
        return t;
    }

    public bool TryGetTenant(Guid id, [MaybeNullWhen(false)] out TenantData tenant) => _tenants.TryGetValue(id, out tenant);
    /// <summary>A run by its external id (DAG run or standalone task run; a DAG child's id is not a run).</summary>
    public bool TryGetRun(Guid id, [MaybeNullWhen(false)] out RunRecord run) => _runs.TryGetValue(id, out run);
    /// <summary>A task by its external id (any task, including a standalone run's task; a DAG run's id is not a task).</summary>
    public bool TryGetTask(Guid id, [MaybeNullWhen(false)] out TaskRecord task) => _tasks.TryGetValue(id, out task);
    public bool TryGetWorkflow(Guid id, [MaybeNullWhen(false)] out WorkflowDefinition workflow) => _workflows.TryGetValue(id, out workflow);
    public bool TryGetWorkflowVersion(Guid id, [MaybeNullWhen(false)] out WorkflowVersionDefinition version) => _workflowVersions.TryGetValue(id, out version);
    public bool TryGetStep(Guid id, [MaybeNullWhen(false)] out StepDefinition step) => _steps.TryGetValue(id, out step);
    public bool TryGetWorker(Guid id, [MaybeNullWhen(false)] out WorkerRecord worker) => _workers.TryGetValue(id, out worker);
    public bool TryGetEvent(Guid id, [MaybeNullWhen(false)] out EventRecord e) => _events.TryGetValue(id, out e);
    public bool TryGetCron(Guid id, [MaybeNullWhen(false)] out CronRecord cron) => _crons.TryGetValue(id, out cron);
    public bool TryGetScheduled(Guid id, [MaybeNullWhen(false)] out ScheduledRecord scheduled) => _scheduled.TryGetValue(id, out scheduled);

    /// <summary>The tenants as a concrete list, for allocation-free loops in the engine.</summary>
    internal List<TenantData> TenantList => _tenantList;

    internal void Register(RunRecord run) => _runs[run.ExternalId] = run;
    internal void Register(TaskRecord task) => _tasks[task.ExternalId] = task;
    internal void Register(WorkerRecord worker) => _workers[worker.Id] = worker;
    internal void Register(EventRecord e) => _events[e.Id] = e;
    internal void Register(CronRecord cron) => _crons[cron.Id] = cron;
    internal void Unregister(CronRecord cron) => _crons.Remove(cron.Id);
    internal void Register(ScheduledRecord s) => _scheduled[s.Id] = s;
    internal void Unregister(ScheduledRecord s) => _scheduled.Remove(s.Id);

    internal void Register(WorkflowDefinition workflow)
    {
        _workflows[workflow.Id] = workflow;
        foreach (var v in workflow.Versions)
        {
            _workflowVersions[v.Id] = v;
            foreach (var s in v.Steps) _steps[s.Id] = s;
        }
    }

    internal void Register(WorkflowVersionDefinition version)
    {
        _workflowVersions[version.Id] = version;
        foreach (var s in version.Steps) _steps[s.Id] = s;
    }

    internal void Unregister(WorkflowDefinition workflow)
    {
        _workflows.Remove(workflow.Id);
        foreach (var v in workflow.Versions)
        {
            _workflowVersions.Remove(v.Id);
            foreach (var s in v.Steps) _steps.Remove(s.Id);
        }
    }
}
