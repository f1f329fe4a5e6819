using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Profiles;

/// <summary>
/// The services of each profile: its own Hatchet client, settings, dashboard links and per-tenant caches in a child
/// container, built on first use; anything else (output budget, clock, confirmation tokens, audit log, fetch gate,
/// logging) comes from the server's container, so one process keeps one of each.
/// </summary>
public sealed class ProfileServices(IServiceProvider root, ServerProfiles profiles) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceProvider> _children = new(StringComparer.Ordinal);

    /// <summary>
    /// A provider for one call on <paramref name="profile"/>: the profile's own services first, then the call's
    /// (<paramref name="request"/>, the server's request scope) or the server's.
    /// </summary>
    public IServiceProvider For(HatchetProfile profile, IServiceProvider? request = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ServiceProvider child;
        lock (_gate)
        {
            if (!_children.TryGetValue(profile.Name, out child!))
            {
                child = Build(profile);
                _children[profile.Name] = child;
            }
        }

        return new LayeredServiceProvider(child, request ?? root);
    }

    public ServerProfiles Profiles => profiles;

    private ServiceProvider Build(HatchetProfile profile)
    {
        var services = new ServiceCollection();
        // Shared with the whole server; registered first so the client's defaults (TryAdd) keep them.
        services.AddSingleton(root.GetRequiredService<TimeProvider>());
        services.AddSingleton(root.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(root.GetRequiredService<FetchGate>());
        services.AddSingleton(root.GetRequiredService<IWriteConfirmation>());
        services.AddSingleton(root.GetRequiredService<AuditLog>());
        services.AddSingleton(profiles);

        // The profile's own: what talks to its tenant, and what caches that tenant's facts.
        services.AddSingleton(profile);
        services.AddSingleton(profile.Dashboard ?? DashboardLinks.ForApi(profile.Settings));
        services.AddHatchetClient(profile.Settings);
        services.AddSingleton<WorkflowCatalog>();
        services.AddSingleton<ProgressBlockers>();
        services.AddSingleton<WorkflowVersionNames>();
        services.AddSingleton<WorkflowHistory>();
        services.AddSingleton<FailureSummaryScan>();
        services.AddSingleton<WriteSteps>();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        List<ServiceProvider> children;
        lock (_gate)
        {
            children = [.. _children.Values];
            _children.Clear();
        }

        foreach (var child in children)
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Asks the profile's container, then the server's (tools take both kinds in one constructor).</summary>
    private sealed class LayeredServiceProvider(IServiceProvider first, IServiceProvider then) : IServiceProvider, IServiceProviderIsService
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProvider) || serviceType == typeof(IServiceProviderIsService)
                ? this
                : first.GetService(serviceType) ?? then.GetService(serviceType);

        public bool IsService(Type serviceType) =>
            (first.GetService<IServiceProviderIsService>()?.IsService(serviceType) ?? false) ||
            (then.GetService<IServiceProviderIsService>()?.IsService(serviceType) ?? false);
    }
}
