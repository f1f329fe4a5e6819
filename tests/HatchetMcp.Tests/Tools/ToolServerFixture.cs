using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using HatchetMcp.Tools;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// An emulator (default scenario, test hooks on) and the real server with a real MCP client over in-memory pipes.
/// One per test class: fault injection and mutations stay inside the class that causes them.
/// </summary>
public sealed class ToolServerFixture : IAsyncLifetime
{
    public HatchetEmulator Emulator { get; private set; } = null!;

    /// <summary>
    /// Connected with the default tenant's valid token, with confirmation of writes off: the classes sharing this fixture
    /// specify what a write does once it is confirmed; <c>WriteConfirmationTests</c> specifies the confirmation itself.
    /// </summary>
    public InMemoryMcpServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, TestContext.Current.CancellationToken);
        Server = await ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// A further server, e.g. with another token, a short timeout or a small text budget. The tenant is ours unless
    /// given: a foreign token must then be refused for it, not silently switch tenants. Dispose it.
    /// </summary>
    /// <remarks>Writes act unconfirmed unless <paramref name="confirmation"/> says otherwise (see <see cref="Server"/>).</remarks>
    public Task<InMemoryMcpServer> ConnectAsync(string? token = null, int? timeoutSeconds = null, ToolOutputOptions? output = null, Guid? tenant = null,
        HatchetMcp.Shaping.DashboardLinks? dashboard = null, HatchetMcp.Safety.ConfirmationOptions? confirmation = null,
        ModelContextProtocol.Client.McpClientOptions? clientOptions = null, HatchetMcp.Safety.AuditLogOptions? audit = null, TextWriter? log = null)
    {
        var env = new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = token ?? Emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = Emulator.BaseUrl.ToString(),
            [HatchetEnvironmentVariables.TenantId] = (tenant ?? Emulator.TenantId).ToString(),
            [HatchetEnvironmentVariables.TimeoutSeconds] = timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var settings = HatchetSettings.FromEnvironment(env, TimeProvider.System);
        Assert.True(settings.IsSuccess, settings.Error);
        return InMemoryMcpServer.StartAsync(settings.Settings!, new InMemoryMcpServerOptions
        {
            Output = output ?? new ToolOutputOptions(),
            Time = Emulator.Time,
            Dashboard = dashboard,
            Confirmation = confirmation ?? HatchetMcp.Safety.ConfirmationOptions.Skipped,
            ClientOptions = clientOptions,
            Audit = audit,
            Log = log,
            LogLevel = log is null ? HatchetMcp.Server.ServerLogLevel.Default : Microsoft.Extensions.Logging.LogLevel.Information,
        }, TestContext.Current.CancellationToken);
    }

    public IReadOnlyList<RecordedRequest> Requests(string pathContains, string? method = null) =>
        Emulator.Hooks.Requests
            .Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal) && (method is null || r.Method == method))
            .ToList();
}

/// <summary>Calling a tool the way an MCP client does, and reading its answer.</summary>
public static class ToolCalls
{
    public static async Task<ToolAnswer> CallAsync(this InMemoryMcpServer server, string tool, string argumentsJson = "{}")
    {
        using var doc = JsonDocument.Parse(argumentsJson);
        var arguments = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var result = await server.Client.CallToolAsync(
            new CallToolRequestParams { Name = tool, Arguments = arguments },
            TestContext.Current.CancellationToken);
        return new ToolAnswer(result);
    }
}

/// <summary>A tool's answer: its text content, structured content and error flag.</summary>
public sealed record ToolAnswer(CallToolResult Result)
{
    public bool IsError => Result.IsError ?? false;

    public string Text => string.Join("\n", Result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public JsonElement Structured
    {
        get
        {
            Assert.False(IsError, Text);
            Assert.NotNull(Result.StructuredContent);
            return Result.StructuredContent.Value;
        }
    }
}
