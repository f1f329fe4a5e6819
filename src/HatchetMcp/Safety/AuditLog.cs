using System.Text.Json;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Safety;

/// <summary>
/// One JSON line per write attempt, confirmed or not: to the log (stderr) at Information level, and appended to
/// <c>HATCHET_MCP_AUDIT_LOG</c> when set. Lines pass through the Hatchet token's scrubber; confirmation tokens are never
/// put in an entry.
/// </summary>
public sealed class AuditLog(AuditLogOptions options, HatchetSettings settings, ILoggerFactory? loggers = null, Profiles.ServerProfiles? profiles = null)
{
    private readonly ILogger? _logger = loggers?.CreateLogger("HatchetMcp.Audit");
    private readonly Lock _file = new();

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry, SafetyJsonContext.Default.AuditEntry);
        foreach (var token in profiles?.All.Select(profile => profile.Settings.Token) ?? [settings.Token])
        {
            line = token.Scrub(line);
        }

        if (_logger?.IsEnabled(LogLevel.Information) == true)
        {
            _logger.LogInformation("audit {Line}", line);
        }

        if (options.Path is not { } path)
        {
            return;
        }

        try
        {
            lock (_file)
            {
                using var stream = AuditLogOptions.OpenForAppend(path);
                using var writer = new StreamWriter(stream);
                writer.Write(line);
                writer.Write('\n');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger?.LogError("could not append to the audit log {Path}: {Message}", path, e.Message);
        }
    }
}
