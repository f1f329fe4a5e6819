using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// One request as a handler sees it: the resources the populator loaded, the bound query, the body and the
/// emulator's clock reading for this request. Built and used under the store lock.
/// </summary>
internal sealed class ApiCall
{
    private readonly byte[]? _body;

    public ApiCall(HttpContext http, EmulatorRuntime runtime, DateTimeOffset now, byte[]? body)
    {
        Http = http;
        Runtime = runtime;
        Now = now;
        Query = new QueryBinder(http.Request.Query);
        _body = body;
    }

    public HttpContext Http { get; }
    public EmulatorRuntime Runtime { get; }
    public EmulatorStore Store => Runtime.Store;
    public DateTimeOffset Now { get; }
    public QueryBinder Query { get; }

    public TenantData? TenantOrNull { get; set; }
    public TenantData Tenant => TenantOrNull ?? throw new InvalidOperationException("route has no tenant");
    public RunRecord? Run { get; set; }
    public TaskRecord? Task { get; set; }
    public WorkflowDefinition? Workflow { get; set; }
    public WorkerRecord? Worker { get; set; }
    public EventRecord? Event { get; set; }
    public CronRecord? Cron { get; set; }
    public ScheduledRecord? Scheduled { get; set; }

    public string RouteValue(string name) => Http.GetRouteValue(name) as string ?? "";

    /// <summary>Binds the JSON body as echo's Bind does: a syntax or type error is 400 {"message": ...}.</summary>
    public T Body<T>(JsonTypeInfo<T> typeInfo) where T : class
    {
        if (_body is null || _body.Length == 0)
        {
            throw new BindingException("Request body can't be empty");
        }

        try
        {
            return JsonSerializer.Deserialize(_body, typeInfo) ??
                   throw new BindingException("Request body can't be empty");
        }
        catch (JsonException e)
        {
            // Echo's Bind reports a wrong JSON type and broken JSON differently.
            long offset = e.BytePositionInLine ?? 0;
            bool wrongType = e.Message.Contains("could not be converted", StringComparison.Ordinal);
            throw new BindingException(wrongType
                ? $"Unmarshal type error: expected=valid value, got=invalid, field={e.Path?.TrimStart('$', '.')}, offset={offset}"
                : $"Syntax error: offset={offset}, error=invalid character");
        }
    }
}
